package dev.approuting.cli;

import dev.approuting.core.DbRouterRegistry;
import dev.approuting.core.spi.RegistryProvider;
import dev.approuting.fixtures.Company;

/** Supplies {@link Company#registry()} to the command line run without code. */
public final class TestRegistryProvider implements RegistryProvider {
    @Override
    public DbRouterRegistry registry() {
        return Company.registry();
    }
}
