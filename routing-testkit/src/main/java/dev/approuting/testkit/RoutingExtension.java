package dev.approuting.testkit;

import dev.approuting.core.RoutedDatabases;
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

    /**
     * Returns the databases of the test of {@code testClass} that is running now: the one on the calling
     * thread, else the only one running, else (in {@link Isolation#PER_CLASS}) the class's shared set. For
     * frameworks whose context outlives one test, such as a Spring application context whose data sources
     * must reach each test's clones; a test itself takes its databases as parameters.
     *
     * <pre>{@code
     * RoutedDatabases view = RoutedDatabases.configure(routing)
     *         .connectionsFrom(() -> RoutingExtension.databasesOf(testClass))
     *         .open();
     * }</pre>
     *
     * @throws IllegalStateException when no test of the class is running (and it is not per class), or
     *     several run at once on other threads
     */
    public static RoutedDatabases databasesOf(Class<?> testClass) {
        return ExtensionSupport.databasesOf(testClass);
    }

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
