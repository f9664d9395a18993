package dev.approuting.flyway;

import dev.approuting.core.AppName;
import dev.approuting.core.DbName;
import dev.approuting.core.ErrorCode;
import dev.approuting.core.RoutingException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What a migration run did to one logical database: one result per app, in migration order.
 *
 * @param db the logical database
 * @param apps one result per app, in the order they were migrated
 * @param orphanedHistories schemas in the database that hold a {@code flyway_schema_history} of an app
 *     no longer routed there (their tables stay; nothing touches them)
 * @param duration how long the database took
 * @param error why the database could not be worked on at all (no credentials, unreachable), or
 *     {@code null}; failures of single apps are in {@link #apps()}
 */
public record DatabaseMigrationResult(
        DbName db,
        List<AppMigrationResult> apps,
        List<String> orphanedHistories,
        Duration duration,
        @Nullable MigrationError error) {

    /** Copies the lists. */
    public DatabaseMigrationResult {
        apps = List.copyOf(apps);
        orphanedHistories = List.copyOf(orphanedHistories);
    }

    /** Returns whether the database was reached and no app failed. */
    public boolean success() {
        return error == null && apps.stream().noneMatch(AppMigrationResult::failed);
    }

    /** Returns how many migrations this run applied, over all apps. */
    public int appliedCount() {
        return apps.stream().mapToInt(a -> a.applied().size()).sum();
    }

    /** Returns how many migrations are pending, over all apps. */
    public int pendingCount() {
        return apps.stream().mapToInt(a -> a.pending().size()).sum();
    }

    /** Returns the result of {@code app}, if it is routed to this database. */
    public Optional<AppMigrationResult> app(AppName app) {
        return apps.stream().filter(a -> a.app().equals(app)).findFirst();
    }

    /**
     * Returns this result when it succeeded.
     *
     * @throws RoutingException with {@link ErrorCode#MIGRATION_FAILED} naming the database, the first
     *     failing app and its script, line and SQLState, when the run failed
     */
    public DatabaseMigrationResult orThrow() {
        if (success()) {
            return this;
        }
        MigrationError failure = error;
        if (failure != null) {
            throw RoutingException.forDatabase(
                    ErrorCode.MIGRATION_FAILED,
                    db,
                    "migrating database '" + db + "' failed: " + failure.describe()
                            + ". Fix the script or the database, then run the migration again");
        }
        AppMigrationResult first = apps.stream()
                .filter(a -> a.outcome() == AppMigrationResult.Outcome.FAILED)
                .findFirst()
                .orElseThrow();
        MigrationError appFailure = first.error();
        throw RoutingException.forApp(
                ErrorCode.MIGRATION_FAILED,
                first.app(),
                db,
                "migrating database '" + db + "' (app '" + first.app() + "') failed: "
                        + (appFailure == null ? "unknown failure" : appFailure.describe())
                        + ". Fix the script or the database, then run the migration again");
    }
}
