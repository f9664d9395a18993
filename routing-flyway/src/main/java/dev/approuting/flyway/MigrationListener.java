package dev.approuting.flyway;

import dev.approuting.core.AppName;
import dev.approuting.core.DbName;
import dev.approuting.core.metrics.RoutingMetrics;
import java.util.List;
import java.util.Locale;

/**
 * Hears each database start and finish during {@link MigrateAll}, for progress lines. Called from the
 * worker threads, several databases at once: implementations must be thread-safe and quick.
 */
public interface MigrationListener {
    /** Called when work on {@code db} starts. */
    default void databaseStarted(DbName db, List<AppName> apps) {}

    /** Called when work on a database ends, failed or not. */
    default void databaseFinished(DatabaseMigrationResult result) {}

    /**
     * Returns a listener counting each (database, app) run into {@code metrics}: {@code
     * approuting.migration.runs} by outcome, {@code approuting.migrations} applied (Micrometer must be on the
     * class path).
     *
     * <pre>{@code
     * MigrateAll.configure(registry).listener(MigrationListener.metrics(RoutingMetrics.of(meterRegistry))).load().run();
     * }</pre>
     */
    static MigrationListener metrics(RoutingMetrics metrics) {
        return new MigrationListener() {
            @Override
            public void databaseFinished(DatabaseMigrationResult result) {
                result.apps()
                        .forEach(app -> metrics.migrationRun(
                                result.db(),
                                app.app(),
                                app.outcome().name().toLowerCase(Locale.ROOT),
                                app.applied().size(),
                                app.duration()));
            }
        };
    }
}
