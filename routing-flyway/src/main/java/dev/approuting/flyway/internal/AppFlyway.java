package dev.approuting.flyway.internal;

import dev.approuting.core.AppName;
import dev.approuting.core.DbName;
import dev.approuting.flyway.FlywaySettings;
import java.util.HashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.database.postgresql.PostgreSQLConfigurationExtension;

/** Builds the Flyway of one (database, app): schema and history named after the app, session lock. */
public final class AppFlyway {
    /** The history table inside each app's schema. */
    public static final String HISTORY_TABLE = "flyway_schema_history";

    private AppFlyway() {}

    /** Returns a Flyway for {@code app} in {@code db} over {@code dataSource}. */
    public static Flyway create(
            DbName db, AppName app, FlywaySettings settings, DataSource dataSource, ClassLoader classLoader) {
        return configure(db, app, settings, dataSource, classLoader).load();
    }

    /** Returns a Flyway for validation only: pending and future migrations are not problems there. */
    public static Flyway forValidation(
            DbName db, AppName app, FlywaySettings settings, DataSource dataSource, ClassLoader classLoader) {
        return configure(db, app, settings, dataSource, classLoader)
                .ignoreMigrationPatterns("*:pending", "*:future")
                .load();
    }

    /** Returns a Flyway whose {@code baseline()} records {@code version} with {@code description}. */
    public static Flyway forBaseline(
            DbName db,
            AppName app,
            FlywaySettings settings,
            DataSource dataSource,
            ClassLoader classLoader,
            String version,
            String description) {
        return configure(db, app, settings, dataSource, classLoader)
                .baselineVersion(version)
                .baselineDescription(description)
                .load();
    }

    private static FluentConfiguration configure(
            DbName db, AppName app, FlywaySettings settings, DataSource dataSource, ClassLoader classLoader) {
        Map<String, String> placeholders = new HashMap<>(settings.placeholders());
        placeholders.put("app", app.value());
        placeholders.put("db", db.value());
        FluentConfiguration config = Flyway.configure(classLoader)
                .loggers("slf4j")
                .dataSource(dataSource)
                .schemas(app.value())
                .defaultSchema(app.value())
                .createSchemas(true)
                .table(HISTORY_TABLE)
                .locations(settings.locationsFor(app).toArray(String[]::new))
                .placeholders(placeholders)
                .lockRetryCount(settings.lockRetryCount())
                .validateOnMigrate(settings.validateOnMigrate())
                .outOfOrder(settings.outOfOrder())
                .baselineOnMigrate(settings.baselineOnMigrate())
                .baselineVersion(settings.baselineVersion())
                .mixed(settings.mixed())
                .connectRetries(settings.connectRetries())
                .cleanDisabled(true);
        config.getConfigurationExtension(PostgreSQLConfigurationExtension.class).setTransactionalLock(false);
        return config;
    }
}
