package dev.approuting.flyway;

import dev.approuting.core.DbName;
import dev.approuting.core.ErrorCode;
import dev.approuting.core.RoutingException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The result of {@link MigrateAll#run()} or {@link MigrateAll#plan()}: one result per database, in
 * registry order.
 *
 * @param databases one result per database
 * @param dryRun whether this was a plan that changed nothing
 * @param parallelism how many databases were worked on at once
 * @param duration the wall time of the whole run
 */
public record MigrateAllReport(
        List<DatabaseMigrationResult> databases, boolean dryRun, int parallelism, Duration duration) {
    /** Copies the list. */
    public MigrateAllReport {
        databases = List.copyOf(databases);
    }

    /** Returns whether every database was reached and migrated (or planned) without failure. */
    public boolean success() {
        return databases.stream().allMatch(DatabaseMigrationResult::success);
    }

    /** Returns the databases that failed. */
    public List<DatabaseMigrationResult> failures() {
        return databases.stream().filter(d -> !d.success()).toList();
    }

    /** Returns how many migrations were applied over all databases. */
    public int appliedCount() {
        return databases.stream()
                .mapToInt(DatabaseMigrationResult::appliedCount)
                .sum();
    }

    /** Returns how many migrations are pending over all databases (what a plan would apply). */
    public int pendingCount() {
        return databases.stream()
                .mapToInt(DatabaseMigrationResult::pendingCount)
                .sum();
    }

    /** Returns the result of {@code db}, if it was part of the run. */
    public Optional<DatabaseMigrationResult> database(DbName db) {
        return databases.stream().filter(d -> d.db().equals(db)).findFirst();
    }

    /**
     * Returns this report when every database succeeded.
     *
     * @throws RoutingException with {@link ErrorCode#MIGRATION_FAILED} listing every failed database, its
     *     failing app and script (each also as a suppressed exception), when one failed
     */
    public MigrateAllReport orThrow() {
        List<RoutingException> failed = new ArrayList<>();
        for (DatabaseMigrationResult database : failures()) {
            try {
                database.orThrow();
            } catch (RoutingException e) {
                failed.add(e);
            }
        }
        if (!failed.isEmpty()) {
            throw RoutingException.allOf(ErrorCode.MIGRATION_FAILED, "databases failed", failed);
        }
        return this;
    }
}
