package dev.approuting.archunit;

import dev.approuting.core.DbRouterRegistry;
import dev.approuting.core.RoutingException;
import dev.approuting.core.ServiceName;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.opentest4j.AssertionFailedError;

/**
 * Assertions about a registry, for a service's own tests and CI.
 *
 * <pre>{@code
 * @Test
 * void routingIsValid() {
 *     RoutingAssertions.assertValid(CompanyRegistry.REGISTRY, "buildsense/api", "crawler/maven");
 * }
 * }</pre>
 */
public final class RoutingAssertions {
    private RoutingAssertions() {}

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
