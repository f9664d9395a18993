package dev.approuting.testkit.internal;

import dev.approuting.core.AppName;
import dev.approuting.core.DbCredentials;
import dev.approuting.core.DbName;
import java.util.List;

/** Migrates the apps of one logical database; the testkit's view of routing-flyway. */
public interface SchemaMigrator {
    /** Returns a hash of the migration scripts of {@code apps}, in order; equal hashes mean equal scripts. */
    String contentHash(List<AppName> apps);

    /**
     * Applies every migration of {@code apps}, in order, to the database {@code target} points at, and
     * closes every connection it opened before returning.
     *
     * @throws dev.approuting.core.RoutingException when a migration fails
     */
    void migrate(DbName db, List<AppName> apps, DbCredentials target);
}
