package dev.approuting.archunit;

import dev.approuting.core.DbRouterRegistry;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * A registry built once, when a rule first needs it, through {@link RoutingAssertions#assertBuilds}: a registry
 * that fails to build fails the rule's check with its message, not ArchUnit's discovery of the rule.
 */
final class LazyRegistry implements Supplier<DbRouterRegistry> {
    private final Supplier<DbRouterRegistry> build;
    private @Nullable DbRouterRegistry built;

    LazyRegistry(Supplier<DbRouterRegistry> build) {
        this.build = build;
    }

    @Override
    public synchronized DbRouterRegistry get() {
        DbRouterRegistry registry = built;
        if (registry == null) {
            registry = RoutingAssertions.assertBuilds(build);
            built = registry;
        }
        return registry;
    }
}
