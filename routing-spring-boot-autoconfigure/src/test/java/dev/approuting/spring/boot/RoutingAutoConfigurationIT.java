package dev.approuting.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.approuting.core.ErrorCode;
import dev.approuting.core.RoutedDatabases;
import dev.approuting.core.RoutingException;
import dev.approuting.core.ServiceRouting;
import dev.approuting.spring.boot.internal.RoutingEndpoint;
import dev.approuting.testkit.postgres.PostgresExtension;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.util.Map;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.NoSuchBeanDefinitionException;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;

class RoutingAutoConfigurationIT {
    @RegisterExtension
    static final PostgresExtension pg = PostgresExtension.embedded();

    @TempDir
    static Path secrets;

    @BeforeAll
    static void databases() throws Exception {
        Shop.databases(pg, secrets, "d01", "d02");
    }

    /** Writes through apps of both databases, in transactions per app. */
    @Service
    static class Ledger {
        private final DSLContext users;
        private final DSLContext workflow;
        private final DSLContext billing;
        private final Ledger self;

        Ledger(
                @App("users") DSLContext users,
                @App("workflow") DSLContext workflow,
                @App("billing") DSLContext billing,
                @org.springframework.context.annotation.Lazy Ledger self) {
            this.users = users;
            this.workflow = workflow;
            this.billing = billing;
            this.self = self;
        }

        @AppTransactional("users")
        public void addUserAndWorkThenFail(long id) {
            users.execute("INSERT INTO item (id, name) VALUES (" + id + ", 'ada')");
            workflow.execute("INSERT INTO item (id, name) VALUES (" + id + ", 'welcome')");
            throw new IllegalStateException("failed after both writes");
        }

        @AppTransactional("users")
        public void addUserThenBill(long id) {
            users.execute("INSERT INTO item (id, name) VALUES (" + id + ", 'bob')");
            billing.execute("INSERT INTO item (id, name) VALUES (" + id + ", 'invoice')");
        }

        @AppTransactional("users")
        public void addUserThenBillInItsOwnTransaction(long id) {
            users.execute("INSERT INTO item (id, name) VALUES (" + id + ", 'cy')");
            self.bill(id);
        }

        @AppTransactional("users")
        public void addUserThenJoinBilling(long id) {
            users.execute("INSERT INTO item (id, name) VALUES (" + id + ", 'di')");
            self.billJoining(id);
        }

        @AppTransactional(value = "billing", propagation = Propagation.REQUIRES_NEW)
        public void bill(long id) {
            billing.execute("INSERT INTO item (id, name) VALUES (" + id + ", 'invoice')");
        }

        @AppTransactional("billing")
        public void billJoining(long id) {
            billing.execute("INSERT INTO item (id, name) VALUES (" + id + ", 'invoice')");
        }
    }

    @Configuration
    static class Beans {
        @Bean
        MeterRegistry meterRegistry() {
            return new SimpleMeterRegistry();
        }

        @Bean
        Ledger ledger(
                @App("users") DSLContext users,
                @App("workflow") DSLContext workflow,
                @App("billing") DSLContext billing,
                @org.springframework.context.annotation.Lazy Ledger self) {
            return new Ledger(users, workflow, billing, self);
        }
    }

    private static Status status(HealthEndpoint health, String... path) {
        var component = health.healthForPath(path);
        assertThat(component).as("health component %s", String.join("/", path)).isNotNull();
        return java.util.Objects.requireNonNull(component).getStatus();
    }

    private static ConfigurableApplicationContext start(String... properties) {
        return Shop.start(secrets, new Class<?>[] {Shop.Application.class, Beans.class}, properties);
    }

    @Test
    void givesEveryRoutedDatabaseItsBeansAndMigratesOnStart() {
        try (ConfigurableApplicationContext context = start()) {
            ServiceRouting routing = context.getBean(ServiceRouting.class);
            assertThat(routing.service().value()).isEqualTo(Shop.SERVICE);
            assertThat(context.getBean(RoutedDatabases.class).routing()).isEqualTo(routing);

            DataSource d02 = context.getBean("approuting.d02.dataSource", DataSource.class);
            assertThat(new org.springframework.jdbc.core.JdbcTemplate(d02)
                            .queryForObject("SELECT name FROM billing.item WHERE id = 1", String.class))
                    .isEqualTo("billing");
            DSLContext users = context.getBean("approuting.users.dsl", DSLContext.class);
            assertThat(users.fetchValue("SELECT current_database() || '.' || created_for FROM item WHERE id = 1"))
                    .isEqualTo("d01.d01.users");

            // Boot's single DataSource and its Flyway stay out: there is no spring.datasource.url.
            assertThat(context.getBeanNamesForType(DataSource.class))
                    .containsExactlyInAnyOrder("approuting.d01.dataSource", "approuting.d02.dataSource");
            assertThat(context.getBeanNamesForType(org.flywaydb.core.Flyway.class))
                    .isEmpty();
            // Not default candidates: a plain DataSource injection point gets none of them.
            assertThatThrownBy(() -> context.getBean(DataSource.class))
                    .isInstanceOf(NoSuchBeanDefinitionException.class);
        }
    }

    @Test
    void runsEachAppTransactionOnItsDatabaseAndRefusesToReachAnother() {
        try (ConfigurableApplicationContext context = start()) {
            Ledger ledger = context.getBean(Ledger.class);
            DSLContext users = context.getBean("approuting.users.dsl", DSLContext.class);
            DSLContext workflow = context.getBean("approuting.workflow.dsl", DSLContext.class);
            DSLContext billing = context.getBean("approuting.billing.dsl", DSLContext.class);

            // Two apps of one database share the transaction: both writes are rolled back.
            assertThatThrownBy(() -> ledger.addUserAndWorkThenFail(10)).hasMessage("failed after both writes");
            assertThat(users.fetchCount(users.selectFrom("item").where("id = 10")))
                    .isZero();
            assertThat(workflow.fetchCount(workflow.selectFrom("item").where("id = 10")))
                    .isZero();

            // Another database inside the transaction: refused, naming both; the user row is rolled back.
            assertThatThrownBy(() -> ledger.addUserThenBill(11))
                    .isInstanceOfSatisfying(RoutingException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.CROSS_DATABASE_TRANSACTION);
                        assertThat(e.app()).map(Object::toString).contains("billing");
                    })
                    .hasMessageContaining(
                            "app 'billing' (database 'd02') was used inside a transaction of database 'd01'")
                    .hasMessageContaining("REQUIRES_NEW");
            assertThat(users.fetchCount(users.selectFrom("item").where("id = 11")))
                    .isZero();
            assertThat(billing.fetchCount(billing.selectFrom("item").where("id = 11")))
                    .isZero();

            // A billing transaction that would join: refused too.
            assertThatThrownBy(() -> ledger.addUserThenJoinBilling(12))
                    .isInstanceOf(RoutingException.class)
                    .hasMessageContaining("on database 'd02' was started inside a transaction of database 'd01'");
            assertThat(billing.fetchCount(billing.selectFrom("item").where("id = 12")))
                    .isZero();

            // Declared independent: both commit, each on its own database.
            ledger.addUserThenBillInItsOwnTransaction(13);
            assertThat(users.fetchCount(users.selectFrom("item").where("id = 13")))
                    .isOne();
            assertThat(billing.fetchCount(billing.selectFrom("item").where("id = 13")))
                    .isOne();
        }
    }

    @Test
    void jooqTransactionsOfAnAppContextAreSpringTransactions() {
        try (ConfigurableApplicationContext context = start()) {
            RoutedDatabases dbs = context.getBean(RoutedDatabases.class);
            assertThatThrownBy(() -> dbs.transaction("users", dsl -> {
                        dsl.execute("INSERT INTO item (id, name) VALUES (20, 'eve')");
                        throw new IllegalStateException("undo");
                    }))
                    .hasMessage("undo");
            dbs.transaction("workflow", dsl -> dsl.execute("INSERT INTO item (id, name) VALUES (21, 'kept')"));
            assertThat(dbs.dsl("users")
                            .fetchCount(dbs.dsl("users").selectFrom("item").where("id = 20")))
                    .isZero();
            assertThat(dbs.dsl("workflow")
                            .fetchCount(dbs.dsl("workflow").selectFrom("item").where("id = 21")))
                    .isOne();
        }
    }

    @Test
    void recordsPoolMetersPerDatabaseTaggedWithTheService() {
        try (ConfigurableApplicationContext context = start()) {
            MeterRegistry meters = context.getBean(MeterRegistry.class);
            context.getBean("approuting.billing.dsl", DSLContext.class).fetchValue("SELECT 1");

            assertThat(meters.find("hikaricp.connections")
                            .tags("db", "d01", "service", Shop.SERVICE, "pool", "db-d01")
                            .gauge())
                    .isNotNull();
            assertThat(java.util.Objects.requireNonNull(meters.find("hikaricp.connections.max")
                                    .tags("db", "d02", "service", Shop.SERVICE)
                                    .gauge())
                            .value())
                    .isEqualTo(10.0);
            assertThat(java.util.Objects.requireNonNull(meters.find("approuting.query")
                                    .tags("app", "billing", "db", "d02")
                                    .timer())
                            .count())
                    .isOne();
            assertThat(meters.find("approuting.migration.runs")
                            .tags("db", "d01", "app", "users")
                            .counter())
                    .isNotNull();
        }
    }

    @Test
    void healthHasOneComponentPerDatabaseAndANonEssentialOneDownLeavesTheServiceUp() throws Exception {
        Path elsewhere = secrets.resolveSibling(secrets.getFileName() + "-down");
        java.nio.file.Files.createDirectories(elsewhere);
        Shop.secret(elsewhere, "d01", pg.host(), pg.port(), "d01");
        Shop.secret(elsewhere, "d02", "127.0.0.1", 1, "d02"); // nothing listens there
        try (ConfigurableApplicationContext context = Shop.start(
                elsewhere,
                new Class<?>[] {Shop.Application.class},
                "approuting.migrate-on-start=false",
                "spring.jmx.enabled=true",
                "management.endpoints.jmx.exposure.include=approuting",
                "approuting.databases.d02.essential=false",
                "approuting.databases.d02.pool.connection-timeout=1s",
                "approuting.databases.d02.pool.validation-timeout=1s")) {
            HealthEndpoint health = context.getBean(HealthEndpoint.class);
            var approuting = health.healthForPath("approuting");
            assertThat(approuting).isNotNull();
            assertThat(status(health, "approuting", "d01")).isEqualTo(Status.UP);
            assertThat(status(health, "approuting", "d02").getCode()).isEqualTo("DEGRADED");
            assertThat(health.health().getStatus()).isEqualTo(Status.UP);

            RoutingEndpoint.Report report =
                    context.getBean(RoutingEndpoint.class).report();
            assertThat(report.routes()).isEqualTo(Map.of("users", "d01", "workflow", "d01", "billing", "d02"));
            assertThat(report.databases())
                    .extracting(
                            RoutingEndpoint.Database::db,
                            RoutingEndpoint.Database::reachable,
                            RoutingEndpoint.Database::essential)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple("d01", true, true),
                            org.assertj.core.groups.Tuple.tuple("d02", false, false));
        }
        try (ConfigurableApplicationContext context = Shop.start(
                elsewhere,
                new Class<?>[] {Shop.Application.class},
                "approuting.migrate-on-start=false",
                "approuting.databases.d02.pool.connection-timeout=1s",
                "approuting.databases.d02.pool.validation-timeout=1s")) {
            HealthEndpoint health = context.getBean(HealthEndpoint.class);
            assertThat(status(health, "approuting", "d02")).isEqualTo(Status.DOWN);
            assertThat(health.health().getStatus()).isEqualTo(Status.DOWN);
        }
    }

    @Test
    void pendingMigrationsMakeTheDatabaseOutOfServiceWhenRequired() throws Exception {
        Path fresh = secrets.resolveSibling(secrets.getFileName() + "-fresh");
        java.nio.file.Files.createDirectories(fresh);
        try (var c = pg.connect(pg.adminDatabase());
                var s = c.createStatement()) {
            s.execute("CREATE DATABASE fresh01");
            s.execute("CREATE DATABASE fresh02");
        }
        Shop.secret(fresh, "d01", pg.host(), pg.port(), "fresh01");
        Shop.secret(fresh, "d02", pg.host(), pg.port(), "fresh02");
        String[] required = {"approuting.health.require-migrations=true", "approuting.migrate-on-start=false"};
        try (ConfigurableApplicationContext context =
                Shop.start(fresh, new Class<?>[] {Shop.Application.class}, required)) {
            HealthEndpoint health = context.getBean(HealthEndpoint.class);
            assertThat(status(health, "approuting", "d01")).isEqualTo(Status.OUT_OF_SERVICE);
            assertThat(health.health().getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
        }
        try (ConfigurableApplicationContext context = Shop.start(
                fresh,
                new Class<?>[] {Shop.Application.class},
                "approuting.health.require-migrations=true",
                "approuting.migrate-on-start=true")) {
            assertThat(context.getBean(HealthEndpoint.class).health().getStatus())
                    .isEqualTo(Status.UP);
        }
    }
}
