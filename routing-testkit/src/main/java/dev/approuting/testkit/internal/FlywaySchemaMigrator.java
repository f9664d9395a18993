package dev.approuting.testkit.internal;

import dev.approuting.core.AppName;
import dev.approuting.core.DbCredentials;
import dev.approuting.core.DbName;
import dev.approuting.flyway.DatabaseMigrator;
import dev.approuting.flyway.MigrationConfig;
import java.util.List;

/** Migrates with routing-flyway, exactly as the service's migrate-all would. */
public final class FlywaySchemaMigrator implements SchemaMigrator {
    private final MigrationConfig config;

    public FlywaySchemaMigrator(MigrationConfig config) {
        this.config = config;
    }

    /** Returns a migrator with the default locations, {@code classpath:db/migration/{app}}. */
    public static FlywaySchemaMigrator defaults() {
        return new FlywaySchemaMigrator(MigrationConfig.defaults());
    }

    @Override
    public String contentHash(List<AppName> apps) {
        return config.contentHash(apps);
    }

    @Override
    public void migrate(DbName db, List<AppName> apps, DbCredentials target) {
        DatabaseMigrator.configure(db, target)
                .apps(apps)
                .config(config)
                .load()
                .migrate()
                .orThrow();
    }
}
