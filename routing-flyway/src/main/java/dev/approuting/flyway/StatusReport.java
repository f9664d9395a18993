package dev.approuting.flyway;

import dev.approuting.core.DbName;
import java.util.List;
import java.util.Optional;

/**
 * The migration state of every database of a {@link MigrateAll#status()} call, in registry order.
 *
 * @param databases one status per database
 */
public record StatusReport(List<DatabaseStatus> databases) {
    /** Copies the list. */
    public StatusReport {
        databases = List.copyOf(databases);
    }

    /** Returns whether every database is reachable and up to date. */
    public boolean upToDate() {
        return databases.stream().allMatch(DatabaseStatus::upToDate);
    }

    /** Returns how many migrations are pending over all databases. */
    public int pendingCount() {
        return databases.stream()
                .flatMap(d -> d.apps().stream())
                .mapToInt(a -> a.pending().size())
                .sum();
    }

    /** Returns the status of {@code db}, if it was checked. */
    public Optional<DatabaseStatus> database(DbName db) {
        return databases.stream().filter(d -> d.db().equals(db)).findFirst();
    }
}
