package dev.approuting.testkit;

import dev.approuting.testkit.internal.ExtensionSupport;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * The JUnit 5 extension behind {@link RoutingTest}; register it through that annotation. It keeps its
 * state in JUnit's {@link ExtensionContext.Store}: the server and templates in the root store (one per
 * JVM, closed when the run ends), each test's clones in the test's store (dropped after the test).
 */
public final class RoutingExtension
        implements BeforeAllCallback, BeforeEachCallback, AfterEachCallback, ParameterResolver {
    /** Creates the extension; JUnit calls this. */
    public RoutingExtension() {}

    @Override
    public void beforeAll(ExtensionContext context) {
        ExtensionSupport.beforeAll(context);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        ExtensionSupport.beforeEach(context);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        ExtensionSupport.afterEach(context);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return ExtensionSupport.supports(parameter);
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return ExtensionSupport.resolve(parameter, context);
    }
}
