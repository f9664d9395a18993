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
import dev.approuting.flyway.FlywaySettings;
import dev.approuting.flyway.MigrateAll;
import dev.approuting.flyway.internal.AppFlyway;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.jspecify.annotations.Nullable;

/**
 * A small company on two embedded PostgreSQL servers: {@code users}, {@code buildsense} and the dev-only
 * {@code scratch} on server A, {@code maven} on server B (so B can be stopped). After
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

    public static EmbeddedPostgres startServer() {
        try {
            return EmbeddedPostgres.builder().start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops {@code server}; its data directory is deleted. */
    public static void stop(EmbeddedPostgres server) {
        try {
            server.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static CredentialsSource credentials(EmbeddedPostgres a, EmbeddedPostgres b) {
        Map<DbName, DbCredentials> map = new LinkedHashMap<>();
        for (DbName db : List.of(USERS, BUILDSENSE, SCRATCH)) {
            map.put(db, login(a, db.value()));
        }
        map.put(MAVEN, login(b, MAVEN.value()));
        return CredentialsSource.of(map);
    }

    public static DbCredentials login(EmbeddedPostgres server, String dbname) {
        return DbCredentials.of("localhost", server.getPort(), dbname, "postgres", "postgres");
    }

    /** Creates the databases and migrates them to the state described on the class. */
    public static void migrate(EmbeddedPostgres a, EmbeddedPostgres b) {
        for (DbName db : List.of(USERS, BUILDSENSE, SCRATCH)) {
            execute(a, "CREATE DATABASE " + db);
        }
        execute(b, "CREATE DATABASE " + MAVEN);
        CredentialsSource credentials = credentials(a, b);
        MigrateAll.configure(registry())
                .environment(Environment.DEVELOPMENT)
                .credentials(credentials)
                .databases(List.of(SCRATCH))
                .load()
                .run();
        flyway(login(a, "users"), USERS, "users", null);
        flyway(login(a, "users"), USERS, "audit", null);
        flyway(login(a, "users"), USERS, "ledger", "1");
        flyway(login(a, "buildsense"), BUILDSENSE, "workflow", null);
        flyway(login(a, "buildsense"), BUILDSENSE, "events", "2");
        flyway(login(b, "maven"), MAVEN, "workflow", null);
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

    public static void execute(EmbeddedPostgres server, String sql) {
        try (Connection c = server.getPostgresDatabase().getConnection();
                Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }
}
