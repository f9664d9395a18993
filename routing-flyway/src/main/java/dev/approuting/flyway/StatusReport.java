package dev.approuting.flyway;

import dev.approuting.core.DbName;
import dev.approuting.core.ErrorCode;
import dev.approuting.core.RoutingException;
import java.util.ArrayList;
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

    /**
     * Returns this report when every database is reachable and up to date.
     *
     * @throws RoutingException with {@link ErrorCode#MIGRATION_FAILED} naming each database that cannot be
     *     read or has pending migrations, and the apps concerned
     */
    public StatusReport orThrow() {
        List<RoutingException> behind = new ArrayList<>();
        for (DatabaseStatus database : databases) {
            if (!database.upToDate()) {
                behind.add(RoutingException.forDatabase(
                        ErrorCode.MIGRATION_FAILED,
                        database.db(),
                        "database '" + database.db() + "' is not up to date: " + database.describe()
                                + ". Run migrate-all"));
            }
        }
        if (!behind.isEmpty()) {
            throw RoutingException.allOf(ErrorCode.MIGRATION_FAILED, "databases not up to date", behind);
        }
        return this;
    }
}
