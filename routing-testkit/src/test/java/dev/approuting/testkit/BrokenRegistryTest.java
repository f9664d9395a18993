package dev.approuting.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.approuting.core.DbRouterRegistry;
import dev.approuting.core.PerAppDbRouter;
import dev.approuting.core.spi.RegistryProvider;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

/**
 * A test class whose registry fails to build fails with the registry's message, also when the registry sits in
 * a static field (where the JVM hides it behind {@link ExceptionInInitializerError}); no server is started.
 */
class BrokenRegistryTest {
    /** A registry in a static field whose router lists an app twice. */
    static final class Broken {
        static final DbRouterRegistry REGISTRY = DbRouterRegistry.builder()
                .router(PerAppDbRouter.forDb("orders").apps("sales", "sales").build())
                .service("orders/api", "orders")
                .build();
    }

    /** Supplies {@link Broken#REGISTRY}. */
    static final class BrokenProvider implements RegistryProvider {
        @Override
        public DbRouterRegistry registry() {
            return Broken.REGISTRY;
        }
    }

    @Fixture
    @RoutingTest(service = "orders/api", registry = BrokenProvider.class)
    static class UsesTheBrokenRegistry {
        @Test
        void test() {}
    }

    @Test
    void theFailureCarriesTheRegistrysMessage() {
        EngineExecutionResults results = EngineTestKit.engine("junit-jupiter")
                .configurationParameter(Fixture.LAUNCHED, "true")
                .selectors(selectClass(UsesTheBrokenRegistry.class))
                .execute();

        List<Event> failed = results.allEvents().failed().list();
        assertThat(failed).as("events: %s", results.allEvents().list()).isNotEmpty();
        Throwable failure = failed.get(0)
                .getPayload(TestExecutionResult.class)
                .flatMap(TestExecutionResult::getThrowable)
                .orElseThrow();
        assertThat(failure.getMessage())
                .startsWith("UsesTheBrokenRegistry: the registry of " + BrokenProvider.class.getName()
                        + " failed to build: the registry failed to build in the static initialiser of "
                        + Broken.class.getName())
                .contains("lists an app twice for database 'orders'")
                .contains("Build the registry in a method");
    }
}
