package dev.approuting.flyway;

import dev.approuting.core.DbName;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The migration state of one logical database.
 *
 * @param db the logical database
 * @param reachable whether it could be read
 * @param error why not, when unreachable
 * @param apps one status per routed app, in migration order (empty when unreachable)
 * @param orphanedHistories schemas holding a history of an app no longer routed to this database
 */
public record DatabaseStatus(
        DbName db,
        boolean reachable,
        @Nullable MigrationError error,
        List<AppStatus> apps,
        List<String> orphanedHistories) {
    /** Copies the lists. */
    public DatabaseStatus {
        apps = List.copyOf(apps);
        orphanedHistories = List.copyOf(orphanedHistories);
    }

    /** Returns whether the database is reachable and every app is up to date. */
    public boolean upToDate() {
        return reachable && apps.stream().allMatch(AppStatus::upToDate);
    }
}
