package dev.approuting.testkit;

import dev.approuting.core.spi.RegistryProvider;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Gives a JUnit 5 test class real, migrated PostgreSQL databases of one service: each logical
 * database the service declares is migrated once into a template (per migration content) and cloned
 * for the tests. Test methods (and lifecycle methods) receive what they need as parameters:
 *
 * <pre>{@code
 * @RoutingTest(service = "buildsense/api", registry = CompanyRegistryProvider.class)
 * class WorkflowIT {
 *     @Test
 *     void storesUnits(@App("workflow") DSLContext workflow, RoutedDatabases dbs) { ... }
 * }
 * }</pre>
 *
 * <p>Injectable: {@link dev.approuting.core.RoutedDatabases} (all databases of the service),
 * {@code @App("x") DSLContext}, {@code @Db("x") DataSource}, {@code @Db("x") DbCredentials},
 * {@code @Db("x") String} (JDBC URL), {@link dev.approuting.core.ServiceRouting} and, with
 * {@link #replicas()}, the {@link dev.approuting.testkit.postgres.PostgresStandby} serving the readers. As in the
 * service, asking for a database the service does not declare fails with an error naming it.
 *
 * <p>The PostgreSQL server is started once per JVM and shared by all test classes; see
 * {@link dev.approuting.testkit.postgres.PostgresProvider} for how to pick embedded, Testcontainers or an external server.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@ExtendWith(RoutingExtension.class)
public @interface RoutingTest {
    /** The service under test, as declared in the registry ({@code builder().service(...)}). */
    String service();

    /**
     * The class supplying the registry (public no-argument constructor). By default the one
     * {@link RegistryProvider} found through {@link java.util.ServiceLoader}.
     */
    Class<? extends RegistryProvider> registry() default RegistryProvider.class;

    /** How tests are kept apart; {@link Isolation#FRESH} by default. */
    Isolation isolation() default Isolation.FRESH;

    /**
     * The PostgreSQL server, as a {@link dev.approuting.testkit.postgres.PostgresProvider#fromSpec(String) spec} such as
     * {@code "embedded"}, {@code "embedded:16"}, {@code "testcontainers:postgres:17"} or
     * {@code "external"}. Empty (the default) reads the system property {@code approuting.test.postgres}
     * or the environment variable {@code APPROUTING_TEST_POSTGRES}, else uses an external server when
     * {@code APPROUTING_TEST_POSTGRES_URL} is set, else the embedded one.
     */
    String postgres() default "";

    /**
     * Whether the templates may apply migrations the lint finds unsafe (default false). Templates are migrated
     * as migrate-all migrates a database: pending migrations with an error-level finding are refused, and the
     * test class fails with each finding, its file and the fix, so an unsafe migration is caught by the first
     * test that uses the app, not only by a {@link MigrationLint#assertSafe} test. Set it for tests of
     * migrations that are unsafe on purpose; suppressing one statement with
     * {@code -- routing:ignore <rule> reason: <why>} is usually better.
     */
    boolean allowUnsafeMigrations() default false;

    /**
     * The logical databases that get a reader (default none): a real streaming standby of the embedded
     * server, started once per run, serves each test's clone of these databases under the same name, so
     * {@code reading(app)} of the injected {@link dev.approuting.core.RoutedDatabases} reads from a replica.
     * Take a {@link dev.approuting.testkit.postgres.PostgresStandby} parameter to pause and resume replay
     * (or stop and start the standby) and prove staleness and read-your-writes deterministically; each test
     * starts with the standby running and replaying. Needs the embedded server and committed writes:
     * not with {@link Isolation#ROLLBACK}.
     *
     * <pre>{@code
     * @RoutingTest(service = "buildsense/api", registry = CompanyRegistryProvider.class, replicas = "buildsense")
     * class ReadsIT {
     *     @Test
     *     void readsItsWrites(RoutedDatabases dbs, PostgresStandby standby) {
     *         standby.pauseReplay();
     *         ... // a write, then dbs.reading(app) sees it (on the writer); resumeReplay(), awaitReplay(…)
     *     }
     * }
     * }</pre>
     */
    String[] replicas() default {};
}
