package dev.approuting.spring.boot.internal;

import dev.approuting.core.DbRouterRegistry;
import dev.approuting.core.ErrorCode;
import dev.approuting.core.RoutingException;
import dev.approuting.core.ServiceName;
import dev.approuting.core.ServiceRouting;
import dev.approuting.core.spi.RegistryProvider;
import java.util.List;
import java.util.ServiceLoader;
import java.util.stream.Collectors;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.core.env.Environment;

/**
 * Finds the registry (a {@link DbRouterRegistry} bean, else a {@link RegistryProvider} bean, else the one
 * {@code RegistryProvider} of {@link ServiceLoader}) and the service ({@code approuting.service}, else
 * {@code spring.application.name}), and returns the service's routing.
 */
public final class RoutingSetup {
    /** The property naming the service. */
    public static final String SERVICE_PROPERTY = "approuting.service";

    private RoutingSetup() {}

    /** Returns the routing of the configured service; errors say which bean or property to add. */
    public static ServiceRouting routing(ListableBeanFactory beans, Environment environment) {
        DbRouterRegistry registry = registry(beans);
        String service = environment.getProperty(SERVICE_PROPERTY);
        if (service == null || service.isBlank()) {
            service = environment.getProperty("spring.application.name");
        }
        if (service == null || service.isBlank()) {
            throw RoutingException.of(
                    ErrorCode.INVALID_CONFIGURATION,
                    "the approuting starter does not know which service this is: set approuting.service (or"
                            + " spring.application.name) to one of the registry's services: "
                            + String.join(
                                    ", ",
                                    registry.services().keySet().stream()
                                            .map(ServiceName::value)
                                            .sorted()
                                            .toList()));
        }
        return registry.forService(service);
    }

    private static DbRouterRegistry registry(ListableBeanFactory beans) {
        String[] registries = beans.getBeanNamesForType(DbRouterRegistry.class, false, false);
        if (registries.length == 1) {
            return beans.getBean(registries[0], DbRouterRegistry.class);
        }
        if (registries.length > 1) {
            throw RoutingException.of(
                    ErrorCode.INVALID_CONFIGURATION,
                    registries.length + " DbRouterRegistry beans (" + String.join(", ", registries)
                            + "): the company has one registry; keep one bean");
        }
        String[] providers = beans.getBeanNamesForType(RegistryProvider.class, false, false);
        if (providers.length == 1) {
            return beans.getBean(providers[0], RegistryProvider.class).registry();
        }
        List<RegistryProvider> found = ServiceLoader.load(RegistryProvider.class).stream()
                .map(ServiceLoader.Provider::get)
                .toList();
        if (found.size() == 1) {
            return found.get(0).registry();
        }
        throw RoutingException.of(
                ErrorCode.INVALID_CONFIGURATION,
                "the approuting starter found no registry: declare one bean,"
                        + " @Bean DbRouterRegistry registry() { return CompanyRegistry.build(); }, or a"
                        + " RegistryProvider bean"
                        + (found.isEmpty()
                                ? ""
                                : " (ServiceLoader found " + found.size() + " RegistryProviders: "
                                        + found.stream()
                                                .map(p -> p.getClass().getName())
                                                .collect(Collectors.joining(", "))
                                        + ")"));
    }
}
