package dev.approuting.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.approuting.core.DbRouterRegistry;
import dev.approuting.core.PerAppDbRouter;
import dev.approuting.core.spi.RegistryProvider;
import java.util.List;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

/**
 * The testkit builds its templates as migrate-all migrates a database: unsafe migrations and apps without
 * migrations fail the test class with what to do, instead of passing silently. The nested classes are
 * {@link Fixture}s (scripts in {@code src/test/resources/db/migration/riskyapp}: V2 drops a column; no
 * folder for {@code ghostapp}). Itself a routing test, so the inner runs share its server.
 */
@RoutingTest(service = "risky/api", registry = TemplateSafetyIT.RiskyRegistry.class, allowUnsafeMigrations = true)
class TemplateSafetyIT {
    /** One database with the risky app, and one whose app has no migrations. */
    static final class RiskyRegistry implements RegistryProvider {
        @Override
        public DbRouterRegistry registry() {
            return DbRouterRegistry.builder()
                    .router(PerAppDbRouter.forDb("risky").apps("riskyapp").build())
                    .router(PerAppDbRouter.forDb("ghost").apps("ghostapp").build())
                    .service("risky/api", "risky")
                    .service("ghost/api", "ghost")
                    .build();
        }
    }

    @Fixture
    @RoutingTest(service = "risky/api", registry = RiskyRegistry.class)
    static class UnsafeMigrations {
        @Test
        void test() {}
    }

    @Fixture
    @RoutingTest(service = "risky/api", registry = RiskyRegistry.class, allowUnsafeMigrations = true)
    static class UnsafeMigrationsAllowed {
        @Test
        void theColumnIsGone(@App("riskyapp") DSLContext risky) {
            assertThat(risky.fetchValue("SELECT count(*) FROM information_schema.columns"
                            + " WHERE table_schema = 'riskyapp' AND table_name = 'item' AND column_name = 'note'"))
                    .isEqualTo(0L);
        }
    }

    @Fixture
    @RoutingTest(service = "ghost/api", registry = RiskyRegistry.class)
    static class NoMigrations {
        @Test
        void test() {}
    }

    private static EngineExecutionResults run(Class<?> testClass) {
        return EngineTestKit.engine("junit-jupiter")
                .configurationParameter(Fixture.LAUNCHED, "true")
                .selectors(selectClass(testClass))
                .execute();
    }

    private static String failureOf(Class<?> testClass) {
        EngineExecutionResults results = run(testClass);
        List<Event> failed = results.allEvents().failed().list();
        assertThat(failed)
                .as("a failure for " + testClass.getSimpleName() + " among "
                        + results.allEvents().list())
                .isNotEmpty();
        Throwable t = failed.get(0)
                .getPayload(TestExecutionResult.class)
                .flatMap(TestExecutionResult::getThrowable)
                .orElseThrow();
        return String.valueOf(t.getMessage());
    }

    @Test
    void anUnsafeMigrationFailsTheClassWithTheFindingTheFileAndTheFix() {
        assertThat(failureOf(UnsafeMigrations.class))
                .contains("database 'risky'")
                .contains("refused to migrate: 1 unsafe statement")
                .contains("riskyapp/V2__drop_note.sql:1:1 [drop-column]")
                .contains("(fix: ")
                .contains("@RoutingTest(..., allowUnsafeMigrations = true)")
                .doesNotContain("allowUnsafe(true)");
    }

    @Test
    void aTestOfUnsafeMigrationsOptsOutOnItsAnnotation() {
        run(UnsafeMigrationsAllowed.class)
                .testEvents()
                .assertStatistics(stats -> stats.started(1).succeeded(1).failed(0));
    }

    @Test
    void anAppWithoutMigrationsFailsTheClassNamingItsDatabaseLocationAndFix() {
        assertThat(failureOf(NoMigrations.class))
                .contains("app 'ghostapp' is routed to database 'ghost' but has no migrations")
                .contains("classpath:db/migration/ghostapp")
                .contains("hasNoTables(true)");
    }
}
