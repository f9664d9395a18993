package dev.approuting.spring.boot.internal;

import dev.approuting.core.RoutedDatabases;
import dev.approuting.testkit.RoutingExtension;

/** The one class that touches routing-testkit (optional), loaded only in test contexts that use it. */
final class TestkitBridge {
    private TestkitBridge() {}

    static RoutedDatabases databasesOf(Class<?> testClass) {
        return RoutingExtension.databasesOf(testClass);
    }
}
