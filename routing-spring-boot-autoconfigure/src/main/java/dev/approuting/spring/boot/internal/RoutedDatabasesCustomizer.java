package dev.approuting.spring.boot.internal;

import dev.approuting.core.RoutedDatabases;

/** Adds to the builder of the service's {@link RoutedDatabases} (metrics, for one). */
@FunctionalInterface
public interface RoutedDatabasesCustomizer {
    /** Changes {@code builder}. */
    void customize(RoutedDatabases.Builder builder);
}
