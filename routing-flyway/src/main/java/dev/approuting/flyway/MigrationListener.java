package dev.approuting.flyway;

import dev.approuting.core.AppName;
import dev.approuting.core.DbName;
import java.util.List;

/**
 * Hears each database start and finish during {@link MigrateAll}, for progress lines. Called from the
 * worker threads, several databases at once: implementations must be thread-safe and quick.
 */
public interface MigrationListener {
    /** Called when work on {@code db} starts. */
    default void databaseStarted(DbName db, List<AppName> apps) {}

    /** Called when work on a database ends, failed or not. */
    default void databaseFinished(DatabaseMigrationResult result) {}
}
