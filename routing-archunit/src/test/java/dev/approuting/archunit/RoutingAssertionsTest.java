package dev.approuting.archunit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.approuting.core.DbRouterRegistry;
import dev.approuting.core.PerAppDbRouter;
import dev.approuting.testkit.fixtures.ShopRegistry;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

class RoutingAssertionsTest {
    @Test
    void aValidRegistryPasses() {
        assertThatCode(() -> RoutingAssertions.assertValid(ShopRegistry.REGISTRY))
                .doesNotThrowAnyException();
        assertThatCode(() -> RoutingAssertions.assertValid(ShopRegistry.REGISTRY, "shop/api", "shop/worker"))
                .doesNotThrowAnyException();
    }

    @Test
    void everyProblemIsListed() {
        assertThatThrownBy(
                        () -> RoutingAssertions.assertValid(ShopRegistry.REGISTRY, "shop/api", "shop/workr", "billing"))
                .isInstanceOf(AssertionFailedError.class)
                .hasMessageStartingWith("the registry routes 3 services with 2 problems:")
                .hasMessageContaining("service 'shop/workr' declares no databases")
                .hasMessageContaining("did you mean 'shop/worker'?")
                .hasMessageContaining("service 'billing' declares no databases");
    }

    /** A registry in a static field whose router lists an app twice: its class initialiser fails. */
    static final class Broken {
        static final DbRouterRegistry REGISTRY = DbRouterRegistry.builder()
                .router(PerAppDbRouter.forDb("shop").apps("orders", "orders").build())
                .build();
    }

    @Test
    void aRegistryThatFailsToBuildFailsWithItsMessageEvenFromAClassInitialiser() {
        assertThat(RoutingAssertions.assertBuilds(() -> ShopRegistry.REGISTRY)).isSameAs(ShopRegistry.REGISTRY);
        assertThatThrownBy(() -> RoutingAssertions.assertBuilds(() -> Broken.REGISTRY))
                .isInstanceOf(AssertionFailedError.class)
                .hasMessageStartingWith(
                        "the registry failed to build in the static initialiser of " + Broken.class.getName() + ": ")
                .hasMessageContaining("lists an app twice for database 'shop'")
                .hasMessageContaining("Build the registry in a method");
        assertThatThrownBy(() -> RoutingAssertions.assertBuilds(() -> Broken.REGISTRY))
                .isInstanceOf(AssertionFailedError.class)
                .hasMessageContaining("could not initialize class " + Broken.class.getName());
    }
}
