package dev.approuting.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.approuting.testkit.fixtures.ShopRegistry;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Testcontainers;

/** Runs only where Docker is; skipped cleanly without it. */
@Testcontainers(disabledWithoutDocker = true)
@RoutingTest(service = "shop/worker", registry = ShopRegistry.class, postgres = "testcontainers")
class ContainerProviderIT {
    @Test
    void migratesAndClonesInAContainer(@App("orders") DSLContext orders) {
        orders.execute("INSERT INTO orders (item) VALUES ('in a container')");
        assertThat(orders.fetchSingle("SELECT count(*) FROM orders").get(0, Long.class))
                .isEqualTo(1L);
    }
}
