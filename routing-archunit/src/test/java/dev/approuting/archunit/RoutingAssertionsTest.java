package dev.approuting.archunit;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
}
