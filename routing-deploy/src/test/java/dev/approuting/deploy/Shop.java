package dev.approuting.deploy;

import dev.approuting.core.DbRouterRegistry;
import dev.approuting.core.PerAppDbRouter;

/** A small shop: two services, an admin service, a database no service declares and a dev-only one. */
final class Shop {
    static final DbRouterRegistry REGISTRY = DbRouterRegistry.builder()
            .adminService("ops")
            .router(PerAppDbRouter.forDb("shop").apps("catalog", "orders").build())
            .router(PerAppDbRouter.forDb("ledger").apps("billing").build())
            .router(PerAppDbRouter.forDb("legacy").apps("archive").build())
            .router(PerAppDbRouter.forDb("scratch").apps("sandbox").devOnly().build())
            .service("shop/api", "shop", "ledger")
            .service("shop/worker", "shop")
            .build();

    private Shop() {}
}
