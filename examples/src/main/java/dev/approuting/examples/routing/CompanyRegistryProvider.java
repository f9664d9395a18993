package dev.approuting.examples.routing;

import dev.approuting.core.DbRouterRegistry;
import dev.approuting.core.spi.RegistryProvider;

/** Lets tools such as the {@code routing} command line find {@link CompanyRegistry} without code. */
public final class CompanyRegistryProvider implements RegistryProvider {
    @Override
    public DbRouterRegistry registry() {
        return CompanyRegistry.build();
    }
}
