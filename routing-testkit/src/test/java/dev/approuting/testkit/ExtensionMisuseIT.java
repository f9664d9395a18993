package dev.approuting.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.approuting.core.DbCredentials;
import dev.approuting.testkit.fixtures.ShopRegistry;
import dev.approuting.testkit.postgres.PostgresStandby;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

/**
 * Runs small misusing test classes and checks that each failure names the parameter and shows the fix.
 * The nested classes fail on purpose: they are {@link Fixture}s, run only when this class launches them.
 * Itself a routing test, so the inner runs share its server instead of starting their own.
 */
@RoutingTest(service = "shop/api", registry = ShopRegistry.class)
class ExtensionMisuseIT {
    @Fixture
    @RoutingTest(service = "shop/api", registry = ShopRegistry.class)
    static class DslWithoutApp {
        @Test
        void test(DSLContext dsl) {}
    }

    @Fixture
    @RoutingTest(service = "shop/api", registry = ShopRegistry.class)
    static class UndeclaredDatabase {
        @Test
        void test(@Db("billing") DataSource billing) {}
    }

    @Fixture
    @RoutingTest(service = "shop/api", registry = ShopRegistry.class)
    static class UnroutedApp {
        @Test
        void test(@App("invoices") DSLContext invoices) {}
    }

    @Fixture
    @RoutingTest(service = "shop/api", registry = ShopRegistry.class, isolation = Isolation.ROLLBACK)
    static class CredentialsInRollbackMode {
        @Test
        void test(@Db("users") DbCredentials users) {}
    }

    @Fixture
    @RoutingTest(service = "shop/api", registry = ShopRegistry.class)
    static class ConstructorInjectionPerTest {
        ConstructorInjectionPerTest(@App("orders") DSLContext orders) {}

        @Test
        void test() {}
    }

    @Fixture
    @ExtendWith(RoutingExtension.class)
    static class NoAnnotation {
        @Test
        void test() {}
    }

    @Fixture
    @RoutingTest(service = "shop/api", registry = ShopRegistry.class, isolation = Isolation.ROLLBACK)
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    static class ConnectionLeftOpenInRollbackMode {
        @Test
        @Order(1)
        void leaks(@Db("shop") DataSource shop) throws SQLException {
            shop.getConnection().createStatement().execute("INSERT INTO orders.orders (item) VALUES ('leaked')");
        }

        @Test
        @Order(2)
        void next(@App("orders") DSLContext orders) {
            assertThat(orders.fetchCount(DSL.table("orders"))).isZero();
        }
    }

    @Fixture
    @RoutingTest(service = "shop/nowhere", registry = ShopRegistry.class)
    static class UnknownService {
        @Test
        void test() {}
    }

    @Fixture
    @RoutingTest(
            service = "shop/api",
            registry = ShopRegistry.class,
            replicas = {"billing", "shop"})
    static class ReplicaOfAnUndeclaredDatabase {
        @Test
        void test() {}
    }

    @Fixture
    @RoutingTest(service = "shop/api", registry = ShopRegistry.class, replicas = "shop", isolation = Isolation.ROLLBACK)
    static class ReplicaInRollbackMode {
        @Test
        void test() {}
    }

    @Fixture
    @RoutingTest(service = "shop/api", registry = ShopRegistry.class)
    static class StandbyWithoutReplicas {
        @Test
        void test(PostgresStandby standby) {}
    }

    private static String failureOf(Class<?> testClass) {
        var results = EngineTestKit.engine("junit-jupiter")
                .configurationParameter(Fixture.LAUNCHED, "true")
                .selectors(selectClass(testClass))
                .execute();
        List<Event> failed = results.allEvents().failed().list();
        assertThat(failed)
                .as("a failure for " + testClass.getSimpleName() + " among "
                        + results.allEvents().list())
                .isNotEmpty();
        Throwable t = failed.get(0)
                .getPayload(org.junit.platform.engine.TestExecutionResult.class)
                .flatMap(org.junit.platform.engine.TestExecutionResult::getThrowable)
                .orElseThrow();
        return String.valueOf(t.getMessage());
    }

    @Test
    void aReplicaOfADatabaseTheServiceDoesNotDeclareIsNamed() {
        assertThat(failureOf(ReplicaOfAnUndeclaredDatabase.class))
                .contains("@RoutingTest(replicas = [billing, shop])")
                .contains("'billing' is not a database of service 'shop/api' (it declares users, shop, audit)");
    }

    @Test
    void replicasRefuseRollbackIsolation() {
        assertThat(failureOf(ReplicaInRollbackMode.class))
                .contains("Isolation.ROLLBACK never commits")
                .contains("isolation = Isolation.FRESH");
    }

    @Test
    void aStandbyParameterWithoutReplicasShowsTheAttributeToAdd() {
        assertThat(failureOf(StandbyWithoutReplicas.class))
                .contains("parameter 'standby'")
                .contains("replicas = \"users\")");
    }

    @Test
    void aDslContextWithoutAppShowsTheAnnotationToAdd() {
        assertThat(failureOf(DslWithoutApp.class))
                .contains("parameter 'dsl'", "DslWithoutApp.test")
                .contains("Write: @App(\"")
                .contains("DSLContext dsl")
                .contains("orders -> shop");
    }

    @Test
    void anUndeclaredDatabaseIsNamed() {
        assertThat(failureOf(UndeclaredDatabase.class))
                .contains("parameter 'billing'")
                .contains("service 'shop/api' does not declare database 'billing'");
    }

    @Test
    void anAppTheServiceDoesNotRouteIsNamed() {
        assertThat(failureOf(UnroutedApp.class))
                .contains("parameter 'invoices'")
                .contains("app 'invoices' is not routed in service 'shop/api'");
    }

    @Test
    void rollbackModeRefusesRawCredentialsAndSaysWhatToTakeInstead() {
        assertThat(failureOf(CredentialsInRollbackMode.class))
                .contains("Isolation.ROLLBACK")
                .contains("@Db(\"users\") DataSource users")
                .contains("@TestIsolation(Isolation.FRESH)");
    }

    @Test
    void aConnectionLeftOpenInRollbackModeFailsItsTestAtOnce_andTheNextTestRuns() {
        long start = System.nanoTime();
        var results = EngineTestKit.engine("junit-jupiter")
                .configurationParameter(Fixture.LAUNCHED, "true")
                .selectors(selectClass(ConnectionLeftOpenInRollbackMode.class))
                .execute();
        long millis = (System.nanoTime() - start) / 1_000_000;

        results.testEvents()
                .assertStatistics(stats -> stats.started(2).failed(1).succeeded(1));
        Throwable failure = results.testEvents()
                .failed()
                .list()
                .get(0)
                .getPayload(org.junit.platform.engine.TestExecutionResult.class)
                .flatMap(org.junit.platform.engine.TestExecutionResult::getThrowable)
                .orElseThrow();
        assertThat(failure)
                .hasMessageContaining("ConnectionLeftOpenInRollbackMode.leaks(…)")
                .hasMessageContaining("database 'shop' (apps orders, jobs)")
                .hasMessageContaining("close the connection");
        assertThat(millis)
                .as("the next test does not wait for the pool's 5 s connection timeout")
                .isLessThan(4_000);
    }

    @Test
    void constructorInjectionNeedsPerClassIsolation() {
        assertThat(failureOf(ConstructorInjectionPerTest.class))
                .contains("constructor of ConstructorInjectionPerTest")
                .contains("isolation = Isolation.PER_CLASS");
    }

    @Test
    void theExtensionWithoutItsAnnotationSaysSo() {
        assertThat(failureOf(NoAnnotation.class)).contains("@RoutingTest(service = \"your/service\"");
    }

    @Test
    void anUnknownServiceIsNamedWithTheRegistrysHint() {
        assertThat(failureOf(UnknownService.class)).contains("'shop/nowhere'").contains("declares no databases");
    }
}
