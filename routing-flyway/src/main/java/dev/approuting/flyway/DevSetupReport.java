package dev.approuting.flyway;

import dev.approuting.core.DbName;
import dev.approuting.core.RoutingException;
import dev.approuting.flyway.provision.InitDbResult;
import java.util.List;

/**
 * What {@link DevSetup#run()} did.
 *
 * @param created the logical databases it created
 * @param existing the logical databases that were there already
 * @param migration the migration of every database afterwards
 * @param provisioning what provisioning did to each database (empty unless {@link DevSetup.Builder#withRoles} was used)
 */
public record DevSetupReport(
        List<DbName> created, List<DbName> existing, MigrateAllReport migration, List<InitDbResult> provisioning) {
    /** Copies the lists. */
    public DevSetupReport {
        created = List.copyOf(created);
        existing = List.copyOf(existing);
        provisioning = List.copyOf(provisioning);
    }

    /** Returns whether the run created a database, a role or a secret, or applied a migration. */
    public boolean changed() {
        return !created.isEmpty()
                || migration.appliedCount() > 0
                || provisioning.stream().anyMatch(p -> !p.changedNothing());
    }

    /** Returns whether every database exists and migrated without failure. */
    public boolean success() {
        return migration.success();
    }

    /**
     * Returns this report when every database exists and migrated without failure.
     *
     * @throws RoutingException as {@link MigrateAllReport#orThrow()} does
     */
    public DevSetupReport orThrow() {
        migration.orThrow();
        return this;
    }
}
