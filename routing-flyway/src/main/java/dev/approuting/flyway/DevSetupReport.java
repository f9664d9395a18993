package dev.approuting.flyway;

import dev.approuting.core.DbName;
import java.util.List;

/**
 * What {@link DevSetup#run()} did.
 *
 * @param created the logical databases it created
 * @param existing the logical databases that were there already
 * @param migration the migration of every database afterwards
 */
public record DevSetupReport(List<DbName> created, List<DbName> existing, MigrateAllReport migration) {
    /** Copies the lists. */
    public DevSetupReport {
        created = List.copyOf(created);
        existing = List.copyOf(existing);
    }

    /** Returns whether the run created a database or applied a migration. */
    public boolean changed() {
        return !created.isEmpty() || migration.appliedCount() > 0;
    }

    /** Returns whether every database exists and migrated without failure. */
    public boolean success() {
        return migration.success();
    }
}
