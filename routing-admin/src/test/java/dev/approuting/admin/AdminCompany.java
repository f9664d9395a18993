package dev.approuting.admin;

import dev.approuting.core.AppName;
import dev.approuting.core.CredentialsSource;
import dev.approuting.core.DbCredentials;
import dev.approuting.core.DbName;
import dev.approuting.core.DbRouterRegistry;
import dev.approuting.core.Environment;
import dev.approuting.core.PerAppDbRouter;
import dev.approuting.core.support.ConnectOptions;
import dev.approuting.core.support.Connections;
import dev.approuting.fixtures.TestServers;
import dev.approuting.flyway.FlywaySettings;
import dev.approuting.flyway.MigrateAll;
import dev.approuting.flyway.internal.AppFlyway;
import dev.approuting.testkit.postgres.PostgresServer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.jspecify.annotations.Nullable;

/**
 * A small company on two PostgreSQL servers (each a test class's {@code PostgresExtension}):
 * {@code users}, {@code buildsense} and the dev-only {@code scratch} on server A, {@code maven} on
 * server B (so B can be stopped). The superuser logs in to every database. After
 * {@link #migrate}, {@code buildsense.events} has one migration pending, {@code users.ledger} one that
 * the linter flags (a NOT NULL column without a default) and {@code maven.catalog} was never migrated;
 * everything else is up to date.
 */
public final class AdminCompany {
    public static final DbName USERS = DbName.of("users");
    public static final DbName BUILDSENSE = DbName.of("buildsense");
    public static final DbName MAVEN = DbName.of("maven");
    public static final DbName SCRATCH = DbName.of("scratch");

    private AdminCompany() {}

    public static DbRouterRegistry registry() {
        return DbRouterRegistry.builder()
                .adminService("toolshed")
                .router(PerAppDbRouter.forDb("users")
                        .apps("users", "audit", "ledger")
                        .build())
                .router(PerAppDbRouter.forDb("buildsense")
                        .apps("workflow", "events")
                        .build())
                .router(PerAppDbRouter.forDb("maven")
                        .apps("workflow", "catalog")
                        .build())
                .router(PerAppDbRouter.forDb("scratch").apps("notes").devOnly().build())
                .service("buildsense/api", "users", "buildsense")
                .service("maven/crawler", "users", "maven")
                .build();
    }

    /** Returns the superuser's credentials for each database: {@code maven} on {@code b}, the others on {@code a}. */
    public static CredentialsSource credentials(PostgresServer a, PostgresServer b) {
        Map<DbName, DbCredentials> map = new LinkedHashMap<>();
        for (DbName db : List.of(USERS, BUILDSENSE, SCRATCH)) {
            map.put(db, TestServers.superuser(a, db.value()));
        }
        map.put(MAVEN, TestServers.superuser(b, MAVEN.value()));
        return CredentialsSource.of(map);
    }

    /** Creates the databases and migrates them to the state described on the class. */
    public static void migrate(PostgresServer a, PostgresServer b) {
        for (DbName db : List.of(USERS, BUILDSENSE, SCRATCH)) {
            a.execute(a.adminDatabase(), "CREATE DATABASE " + db);
        }
        b.execute(b.adminDatabase(), "CREATE DATABASE " + MAVEN);
        CredentialsSource credentials = credentials(a, b);
        MigrateAll.configure(registry())
                .environment(Environment.DEVELOPMENT)
                .credentials(credentials)
                .databases(List.of(SCRATCH))
                .load()
                .run();
        flyway(TestServers.superuser(a, "users"), USERS, "users", null);
        flyway(TestServers.superuser(a, "users"), USERS, "audit", null);
        flyway(TestServers.superuser(a, "users"), USERS, "ledger", "1");
        flyway(TestServers.superuser(a, "buildsense"), BUILDSENSE, "workflow", null);
        flyway(TestServers.superuser(a, "buildsense"), BUILDSENSE, "events", "2");
        flyway(TestServers.superuser(b, "maven"), MAVEN, "workflow", null);
    }

    /** Migrates {@code app} with the project's own Flyway settings, up to {@code target} when given. */
    private static void flyway(DbCredentials login, DbName db, String app, @Nullable String target) {
        Flyway flyway = AppFlyway.create(
                db,
                AppName.of(app),
                FlywaySettings.defaults(),
                Connections.dataSource(login, ConnectOptions.of("admin-test")),
                AdminCompany.class.getClassLoader());
        FluentConfiguration config =
                Flyway.configure(AdminCompany.class.getClassLoader()).configuration(flyway.getConfiguration());
        if (target != null) {
            config.target(target);
        }
        config.load().migrate();
    }
}
