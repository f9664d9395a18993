package dev.approuting.core.spi;

import dev.approuting.core.DbRouterRegistry;

/**
 * Supplies a service's {@link DbRouterRegistry} to tools that find it through
 * {@link java.util.ServiceLoader}, such as the {@code routing} command line run without code.
 *
 * <p>Implement it once and list the class in
 * {@code META-INF/services/dev.approuting.core.spi.RegistryProvider}:
 *
 * <pre>{@code
 * public final class CompanyRegistryProvider implements RegistryProvider {
 *     public DbRouterRegistry registry() { return CompanyRegistry.build(); }
 * }
 * }</pre>
 */
public interface RegistryProvider {
    /** Returns the registry; called once per tool run. */
    DbRouterRegistry registry();
}
