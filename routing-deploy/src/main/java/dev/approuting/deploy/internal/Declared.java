package dev.approuting.deploy.internal;

import dev.approuting.core.AdminView;
import dev.approuting.core.AppName;
import dev.approuting.core.DbName;
import dev.approuting.core.DbRouterRegistry;
import dev.approuting.core.Environment;
import dev.approuting.core.ErrorCode;
import dev.approuting.core.PerAppDbRouter;
import dev.approuting.core.RoutingException;
import dev.approuting.core.ServiceName;
import dev.approuting.core.ServiceRouting;
import dev.approuting.core.support.Text;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The databases a service is deployed with, from the registry: those it declares (with
 * {@code builder().service(…)}), or, for the admin service, every database of its admin view. Dev-only
 * databases are left out of production.
 */
public final class Declared {
    private Declared() {}

    /** Returns every service a deployment may name: the declared services, sorted, then the admin service. */
    public static List<ServiceName> services(DbRouterRegistry registry) {
        List<ServiceName> services =
                new ArrayList<>(registry.services().keySet().stream().sorted().toList());
        if (!services.contains(registry.adminService())) {
            services.add(registry.adminService());
        }
        return List.copyOf(services);
    }

    /**
     * Returns the service named {@code name}, if the registry knows it.
     *
     * @throws RoutingException with {@link ErrorCode#INVALID_NAME} when it is no service name at all
     */
    public static Optional<ServiceName> find(DbRouterRegistry registry, String name) {
        ServiceName service = ServiceName.of(name);
        return services(registry).contains(service) ? Optional.of(service) : Optional.empty();
    }

    /**
     * Returns the service named {@code name}.
     *
     * @throws RoutingException with {@link ErrorCode#INVALID_ROUTING} when the registry does not know it
     *     (with "did you mean"), or {@link ErrorCode#INVALID_NAME} when it is no service name
     */
    public static ServiceName require(DbRouterRegistry registry, String name) {
        return find(registry, name)
                .orElseThrow(() -> RoutingException.forService(
                        ErrorCode.INVALID_ROUTING, ServiceName.of(name), unknownService(registry, name)));
    }

    /** Says that the registry does not know service {@code name}, with the closest name and the known ones. */
    public static String unknownService(DbRouterRegistry registry, String name) {
        List<String> known = services(registry).stream().map(ServiceName::value).toList();
        return "service " + Text.quote(name) + " is not in the registry" + Text.didYouMean(name, known)
                + "; its services: " + Text.list(known)
                + ". Declare it with builder().service(\"" + name + "\", dbs...), or fix the name";
    }

    /**
     * Returns the databases {@code service} is deployed with, in declaration (admin: registry) order, each
     * with the apps the service has there.
     */
    public static Map<DbName, List<AppName>> databases(
            DbRouterRegistry registry, ServiceName service, Environment environment) {
        Map<DbName, List<AppName>> dbs = new LinkedHashMap<>();
        if (service.equals(registry.adminService()) && !registry.services().containsKey(service)) {
            for (AdminView.Database db : registry.adminView(environment).databases()) {
                dbs.put(db.db(), db.apps());
            }
            return dbs;
        }
        ServiceRouting routing = registry.forService(service);
        for (DbName db : routing.databases()) {
            if (environment == Environment.PRODUCTION && devOnly(registry, db)) {
                continue;
            }
            dbs.put(db, routing.appsIn(db));
        }
        return dbs;
    }

    /** Returns whether the registry marks {@code db} as existing only in development. */
    public static boolean devOnly(DbRouterRegistry registry, DbName db) {
        return registry.findRouter(db).map(PerAppDbRouter::devOnly).orElse(false);
    }
}
