package dev.approuting.benchmarks;

import dev.approuting.core.DbRouterRegistry;
import dev.approuting.core.PerAppDbRouter;
import dev.approuting.core.spi.RegistryProvider;

/**
 * The registry of the testkit benchmarks: {@code bench/shop} uses 3 databases, {@code bench/shop5}
 * all 5. Each app has 5 migrations in {@code db/migration/{app}} (a table, an index, 100 rows each).
 */
public final class ShopRegistry implements RegistryProvider {
    static final DbRouterRegistry REGISTRY = DbRouterRegistry.builder()
            .router(PerAppDbRouter.forDb("users").apps("accounts").build())
            .router(PerAppDbRouter.forDb("shop").apps("orders", "workflow").build())
            .router(PerAppDbRouter.forDb("audit").apps("auditlog").build())
            .router(PerAppDbRouter.forDb("catalog").apps("products").build())
            .router(PerAppDbRouter.forDb("billing").apps("invoices").build())
            .service("bench/shop", "users", "shop", "audit")
            .service("bench/shop5", "users", "shop", "audit", "catalog", "billing")
            .build();

    /** Creates the provider; the testkit calls this. */
    public ShopRegistry() {}

    @Override
    public DbRouterRegistry registry() {
        return REGISTRY;
    }
}
