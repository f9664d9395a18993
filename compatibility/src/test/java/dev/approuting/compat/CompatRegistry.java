package dev.approuting.compat;

import dev.approuting.core.DbRouterRegistry;
import dev.approuting.core.PerAppDbRouter;
import dev.approuting.core.spi.RegistryProvider;

/** The registry of {@link Fleet}'s service, for {@code @RoutingTest}. */
public final class CompatRegistry implements RegistryProvider {
    @Override
    public DbRouterRegistry registry() {
        return DbRouterRegistry.builder()
                .router(PerAppDbRouter.forDb("shop").apps("orders", "billing").build())
                .router(PerAppDbRouter.forDb("people").apps("users", "audit").build())
                .service(Fleet.SERVICE, "shop", "people")
                .build();
    }
}
