package dev.approuting.spring.boot.internal;

import dev.approuting.core.RoutedDatabases;
import java.util.function.Supplier;

/**
 * In a test context: where each call finds the current test's databases. With it, the service's {@link
 * RoutedDatabases} is a view over them ({@code connectionsFrom}) and opens no pool of its own.
 */
public record TestTarget(Class<?> testClass, Supplier<RoutedDatabases> current) {}
