package dev.approuting.archunit;

import dev.approuting.core.DbRouterRegistry;
import dev.approuting.core.RoutingException;
import dev.approuting.core.ServiceName;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import org.opentest4j.AssertionFailedError;

/**
 * Assertions about a registry, for a service's own tests and CI.
 *
 * <pre>{@code
 * @Test
 * void routingIsValid() {
 *     DbRouterRegistry registry = RoutingAssertions.assertBuilds(CompanyRegistry::build);
 *     RoutingAssertions.assertValid(registry, "buildsense/api", "crawler/maven");
 * }
 * }</pre>
 */
public final class RoutingAssertions {
    private RoutingAssertions() {}

    /**
     * Asserts that {@code registry} builds, and returns what it built. A registry that fails to build fails the
     * test with its message, listing every problem, also when it failed in a class initialiser (a
     * {@code static final} field), where the JVM hides the message behind an
     * {@link ExceptionInInitializerError}.
     *
     * @throws AssertionFailedError with the registry's message when it fails to build
     */
    public static DbRouterRegistry assertBuilds(Supplier<DbRouterRegistry> registry) {
        try {
            return DbRouterRegistry.load(registry);
        } catch (RoutingException e) {
            String message = String.valueOf(e.getMessage());
            throw new AssertionFailedError(
                    message.startsWith("the registry failed to build")
                            ? message
                            : "the registry failed to build: " + message,
                    e);
        }
    }

    /**
     * Asserts that each of {@code services} is declared in the registry and routes every app of its
     * databases exactly once.
     *
     * @throws AssertionFailedError listing every problem of every service, each naming the service,
     *     app and databases involved and the fix
     */
    public static void assertValid(DbRouterRegistry registry, String... services) {
        List<String> problems = new ArrayList<>();
        List<String> names = services.length == 0
                ? registry.services().keySet().stream().map(ServiceName::value).toList()
                : Arrays.asList(services);
        for (String service : names) {
            try {
                registry.forService(service);
            } catch (RoutingException e) {
                if (e.getSuppressed().length == 0) {
                    problems.add(e.getMessage());
                } else {
                    for (Throwable each : e.getSuppressed()) {
                        problems.add(each.getMessage());
                    }
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new AssertionFailedError("the registry routes " + names.size() + " service"
                    + (names.size() == 1 ? "" : "s") + " with " + problems.size() + " problem"
                    + (problems.size() == 1 ? "" : "s") + ":\n  - " + String.join("\n  - ", problems));
        }
    }

    /** Like {@link #assertValid(DbRouterRegistry, String...)} for every service the registry declares. */
    public static void assertValid(DbRouterRegistry registry) {
        assertValid(registry, new String[0]);
    }
}
