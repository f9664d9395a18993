package dev.approuting.flyway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.approuting.core.AppName;
import dev.approuting.core.CredentialsSource;
import dev.approuting.core.DbCredentials;
import dev.approuting.core.DbName;
import dev.approuting.core.DbRouterRegistry;
import dev.approuting.core.PerAppDbRouter;
import dev.approuting.core.RoutingException;
import dev.approuting.flyway.AppMigrationResult.Outcome;
import dev.approuting.testkit.postgres.PostgresExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * An app routed to a database whose migrations cannot be found (a misnamed folder, a jar built without its
 * resources, an app added to a router before its scripts) fails migrate-all, status, validate and dev-setup
 * instead of passing as up to date; an app that really has no tables says so in its settings.
 */
class NoMigrationsIT {
    @RegisterExtension
    static final PostgresExtension pg = PostgresExtension.embedded();

    private static final DbName ORDERS = DbName.of("nm_orders");
    private static final DbName LOOKUP = DbName.of("nm_lookup");
    private static final DbRouterRegistry REGISTRY = DbRouterRegistry.builder()
            .adminService("toolshed")
            .router(PerAppDbRouter.forDb(ORDERS.value())
                    .apps("orders", "reports")
                    .build())
            .router(PerAppDbRouter.forDb(LOOKUP.value()).apps("lookup").build())
            .build();

    @TempDir
    Path scripts;

    @BeforeEach
    void freshDatabasesAndScripts() throws IOException {
        for (DbName db : List.of(ORDERS, LOOKUP)) {
            pg.execute("postgres", "DROP DATABASE IF EXISTS " + db + " WITH (FORCE)", "CREATE DATABASE " + db);
        }
        write("orders/V1__create_order.sql", "CREATE TABLE purchase (id bigint PRIMARY KEY);");
        // The folder is misnamed: the app is 'reports', its scripts sit in 'report'.
        write("report/V1__create_report.sql", "CREATE TABLE report (id bigint PRIMARY KEY);");
    }

    private void write(String file, String sql) throws IOException {
        Path path = scripts.resolve(file);
        Files.createDirectories(path.getParent());
        Files.writeString(path, sql);
    }

    private MigrationConfig config(boolean lookupHasNoTables) {
        return MigrationConfig.builder()
                .defaults(s -> s.locations("filesystem:" + scripts + "/{app}"))
                .app("lookup", s -> s.hasNoTables(lookupHasNoTables))
                .build();
    }

    private static CredentialsSource credentials() {
        Map<DbName, DbCredentials> map = new LinkedHashMap<>();
        for (DbName db : List.of(ORDERS, LOOKUP)) {
            map.put(db, DbCredentials.of(pg.host(), pg.port(), db.value(), pg.user(), pg.password()));
        }
        return CredentialsSource.of(map);
    }

    private MigrateAll migrateAll(boolean lookupHasNoTables) {
        return MigrateAll.configure(REGISTRY)
                .credentials(credentials())
                .config(config(lookupHasNoTables))
                .parallelism(2)
                .load();
    }

    @Test
    void migrateAllFailsTheAppNamingTheDatabaseTheLocationAndTheFix() {
        MigrateAllReport report = migrateAll(false).run();

        assertThat(report.success()).isFalse();
        DatabaseMigrationResult orders = report.database(ORDERS).orElseThrow();
        assertThat(orders.apps())
                .extracting(AppMigrationResult::outcome)
                .containsExactly(Outcome.MIGRATED, Outcome.FAILED);
        String message = Objects.requireNonNull(
                        orders.app(AppName.of("reports")).orElseThrow().error())
                .message();
        assertThat(message)
                .contains("app 'reports' is routed to database 'nm_orders' but has no migrations")
                .contains("filesystem:" + scripts + "/reports")
                .contains("s.locations(")
                .contains("hasNoTables(true)");
        DatabaseMigrationResult lookup = report.database(LOOKUP).orElseThrow();
        assertThat(lookup.success()).isFalse();
        assertThat(lookup.apps().get(0).outcome()).isEqualTo(Outcome.FAILED);
        assertThatThrownBy(report::orThrow)
                .isInstanceOf(RoutingException.class)
                .hasMessageContaining("app 'reports'")
                .hasMessageContaining("app 'lookup'");
        assertThat(pg.column(ORDERS.value(), "SELECT count(*) FROM pg_namespace WHERE nspname = 'reports'"))
                .containsExactly("0");
    }

    @Test
    void everyAppWithoutMigrationsIsNamedEvenAfterAnEarlierFailure() throws IOException {
        write("orders/V2__broken.sql", "ALTER TABLE no_such_table ADD COLUMN x int;");

        DatabaseMigrationResult orders = migrateAll(true).run().database(ORDERS).orElseThrow();

        assertThat(orders.apps())
                .extracting(AppMigrationResult::outcome)
                .containsExactly(Outcome.FAILED, Outcome.FAILED);
        assertThat(Objects.requireNonNull(orders.apps().get(1).error()).message())
                .contains("app 'reports'", "has no migrations");
    }

    @Test
    void planStatusAndValidateReportTheAppAsBroken() {
        MigrateAll migrateAll = migrateAll(false);

        MigrateAllReport plan = migrateAll.plan();
        assertThat(plan.success()).isFalse();
        assertThat(plan.database(ORDERS)
                        .orElseThrow()
                        .app(AppName.of("reports"))
                        .orElseThrow()
                        .outcome())
                .isEqualTo(Outcome.FAILED);

        StatusReport status = migrateAll.status();
        assertThat(status.upToDate()).isFalse();
        AppStatus reports = status.database(ORDERS).orElseThrow().apps().get(1);
        assertThat(reports.broken()).isTrue();
        assertThat(reports.noMigrations()).contains("has no migrations", "/reports");
        assertThat(reports.problems()).singleElement().asString().contains("has no migrations");
        assertThat(status.database(ORDERS).orElseThrow().describe()).contains("app 'reports'", "has no migrations");

        ValidationReport validation = migrateAll.validate();
        assertThat(validation.valid()).isFalse();
        assertThat(validation.problems())
                .extracting(ValidationReport.Problem::describe)
                .anySatisfy(p -> assertThat(p).startsWith("nm_orders/reports: ").contains("has no migrations"))
                .anySatisfy(p -> assertThat(p).startsWith("nm_lookup/lookup: ").contains("has no migrations"));
    }

    @Test
    void anAppThatSaysItHasNoTablesIsLeftAloneAndUpToDate() {
        MigrateAll migrateAll = migrateAll(true);

        DatabaseMigrationResult lookup = migrateAll.run().database(LOOKUP).orElseThrow();

        assertThat(lookup.success()).isTrue();
        assertThat(lookup.apps().get(0).outcome()).isEqualTo(Outcome.NO_TABLES);
        assertThat(pg.column(LOOKUP.value(), "SELECT count(*) FROM pg_namespace WHERE nspname = 'lookup'"))
                .containsExactly("0");
        AppStatus status =
                migrateAll.status().database(LOOKUP).orElseThrow().apps().get(0);
        assertThat(status.upToDate()).isTrue();
        assertThat(status.hasNoTables()).isTrue();
        assertThat(status.problems()).isEmpty();
        assertThat(migrateAll.validate().problems())
                .extracting(ValidationReport.Problem::db)
                .containsOnly(ORDERS);
    }

    @Test
    void anAppThatSaysItHasNoTablesButHasScriptsIsAnError() throws IOException {
        write("lookup/V1__create_lookup.sql", "CREATE TABLE code (id int PRIMARY KEY);");

        DatabaseMigrationResult lookup = migrateAll(true).run().database(LOOKUP).orElseThrow();

        assertThat(lookup.success()).isFalse();
        assertThat(Objects.requireNonNull(lookup.apps().get(0).error()).message())
                .contains("app 'lookup' in database 'nm_lookup' is set to hasNoTables(true)")
                .contains("1 migration (V1__create_lookup.sql)")
                .contains("remove the setting or the scripts");
    }

    @Test
    void devSetupFailsTheAppToo() {
        DevSetupReport report = DevSetup.configure(REGISTRY)
                .superuser(pg.jdbcUrl("postgres"), pg.user(), pg.password())
                .config(config(true))
                .load()
                .run();

        assertThat(report.success()).isFalse();
        assertThatThrownBy(report::orThrow)
                .isInstanceOf(RoutingException.class)
                .hasMessageContaining("app 'reports' is routed to database 'nm_orders' but has no migrations");
    }
}
