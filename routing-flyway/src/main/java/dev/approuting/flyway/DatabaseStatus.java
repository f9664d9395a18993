package dev.approuting.flyway;

import dev.approuting.core.AppName;
import dev.approuting.core.DbName;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The migration state of one logical database.
 *
 * @param db the logical database
 * @param reachable whether it could be read
 * @param error why not, when unreachable
 * @param apps one status per routed app, in migration order (unknown when the database is unreachable)
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

    /**
     * Returns the status of a database that could not be read: every app unknown, apart from those in
     * {@code read} (the apps read before the failure).
     */
    public static DatabaseStatus unreadable(DbName db, List<AppName> apps, List<AppStatus> read, MigrationError error) {
        List<AppStatus> statuses = new ArrayList<>(read);
        apps.stream().skip(read.size()).forEach(app -> statuses.add(AppStatus.unknown(app)));
        return new DatabaseStatus(db, false, error, statuses, List.of());
    }

    /** Returns whether the database is reachable and every app is up to date. */
    public boolean upToDate() {
        return reachable && apps.stream().allMatch(AppStatus::upToDate);
    }

    /**
     * Returns what keeps the database from being up to date, as one line: why it cannot be read, or each
     * app that is behind or broken with its pending, failed, changed and missing versions.
     */
    public String describe() {
        MigrationError failure = error;
        if (!reachable) {
            return "cannot be read: " + (failure == null ? "unknown error" : failure.describe());
        }
        List<String> apps = this.apps.stream()
                .filter(a -> !a.upToDate())
                .map(AppStatus::describe)
                .toList();
        return apps.isEmpty() ? "up to date" : String.join("; ", apps);
    }
}
