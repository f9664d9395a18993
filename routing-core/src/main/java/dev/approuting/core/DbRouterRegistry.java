package dev.approuting.core;

import dev.approuting.core.internal.RegistryFailures;
import dev.approuting.core.internal.RoutingTable;
import dev.approuting.core.support.Text;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * The one list of all routers: it answers every routing question, so "who uses which database" is
 * reviewable in one file. Built once, immutable and thread-safe.
 *
 * <pre>{@code
 * DbRouterRegistry registry = DbRouterRegistry.builder()
 *         .adminService("toolshed")
 *         .router(new UsersRouter())
 *         .router(new BuildsenseRouter())
 *         .service("buildsense/api", "buildsense", "users")
 *         .build();
 * ServiceRouting routing = registry.forService("buildsense/api");
 * DbName db = routing.dbFor(AppName.of("workflow")); // buildsense
 * }</pre>
 *
 * <p>{@link Builder#build()} checks everything at once and reports every problem in one exception:
 * two routers for one database, an app routed twice within a declared service, a declared service
 * naming an unknown database, and an app a service uses that the admin service cannot see (so
 * migrate-all would never create its tables).
 */
public final class DbRouterRegistry {
    /** The name of the admin service when none is given. */
    public static final String DEFAULT_ADMIN_NAME = "admin";

    private final List<PerAppDbRouter> routers;
    private final Map<DbName, PerAppDbRouter> routerByDb;
    private final ServiceName adminService;
    private final Map<ServiceName, List<DbName>> services;
    private final Set<AppName> knownApps;

    private DbRouterRegistry(
            List<PerAppDbRouter> routers, ServiceName adminService, Map<ServiceName, List<DbName>> services) {
        this.routers = List.copyOf(routers);
        Map<DbName, PerAppDbRouter> byDb = new LinkedHashMap<>();
        for (PerAppDbRouter router : routers) {
            byDb.put(router.db(), router);
        }
        this.routerByDb = byDb;
        this.adminService = adminService;
        this.services = services;
        Set<AppName> apps = new TreeSet<>();
        for (PerAppDbRouter router : routers) {
            apps.addAll(router.appsFor(adminService));
            for (ServiceName service : services.keySet()) {
                apps.addAll(router.appsFor(service));
            }
        }
        this.knownApps = Set.copyOf(apps);
    }

    /**
     * Returns a registry of {@code routers} with the admin service {@value #DEFAULT_ADMIN_NAME} and no
     * declared services.
     *
     * @throws RoutingException with {@link ErrorCode#INVALID_ROUTING} listing every problem found
     */
    public static DbRouterRegistry of(PerAppDbRouter... routers) {
        Builder builder = builder();
        Arrays.stream(routers).forEach(builder::router);
        return builder.build();
    }

    /**
     * Returns the registry {@code supplier} builds, reporting a registry that fails to build as the
     * {@link RoutingException} listing its problems, also when it failed in a class initialiser (a
     * {@code static final} field), which the JVM hides behind an {@link ExceptionInInitializerError} on first use
     * and a bare {@link NoClassDefFoundError} afterwards. Tools that take a registry from code (the command line,
     * the testkit, the ArchUnit rules) load it through this.
     *
     * <pre>{@code
     * DbRouterRegistry registry = DbRouterRegistry.load(CompanyRegistry::build);
     * }</pre>
     *
     * @throws RoutingException with the build's own code ({@link ErrorCode#INVALID_ROUTING} for routing
     *     problems), naming the class whose initialiser failed when one did
     */
    public static DbRouterRegistry load(Supplier<DbRouterRegistry> supplier) {
        return RegistryFailures.load(supplier);
    }

    /** Starts a registry. */
    public static Builder builder() {
        return new Builder();
    }

    /** Returns the routers in registry order. */
    public List<PerAppDbRouter> routers() {
        return routers;
    }

    /** Returns the admin service, whose view migrate-all, status and provisioning use. */
    public ServiceName adminService() {
        return adminService;
    }

    /** Returns the services declared with {@link Builder#service}, with their databases. */
    public Map<ServiceName, List<DbName>> services() {
        return services;
    }

    /** Returns every database some router fills, in registry order. */
    public List<DbName> dbNames() {
        return List.copyOf(routerByDb.keySet());
    }

    /** Returns the router of {@code db}, if the registry has one. */
    public Optional<PerAppDbRouter> findRouter(DbName db) {
        return Optional.ofNullable(routerByDb.get(db));
    }

    /**
     * Returns the validated routing of a service declared with {@link Builder#service}.
     *
     * @throws RoutingException with {@link ErrorCode#INVALID_ROUTING} when the service was not declared
     */
    public ServiceRouting forService(String service) {
        return forService(ServiceName.of(service));
    }

    /**
     * Like {@link #forService(String)}, for a service name already checked.
     *
     * <pre>{@code
     * ServiceRouting routing = registry.forService(ServiceName.of("buildsense/api"));
     * }</pre>
     *
     * @throws RoutingException with {@link ErrorCode#INVALID_ROUTING} when the service was not declared
     */
    public ServiceRouting forService(ServiceName name) {
        List<DbName> dbs = services.get(name);
        if (dbs == null) {
            throw RoutingException.forService(
                    ErrorCode.INVALID_ROUTING,
                    name,
                    "service '" + name + "' declares no databases in the registry"
                            + Text.didYouMean(
                                    name.value(),
                                    services.keySet().stream()
                                            .map(ServiceName::value)
                                            .toList())
                            + "; declare it with builder().service(\"" + name
                            + "\", dbs...) or call forService(service, dbs...)");
        }
        return forService(name, dbs);
    }

    /**
     * Returns the validated routing of {@code service} over the databases it declares.
     *
     * @throws RoutingException with {@link ErrorCode#UNKNOWN_DATABASE} for a database no router fills,
     *     or {@link ErrorCode#INVALID_ROUTING} when two of the databases route the same app
     */
    public ServiceRouting forService(String service, String... dbs) {
        return forService(ServiceName.of(service), dbNames(dbs));
    }

    /** The names {@code dbs} checked, in a loop: a service's start-up runs this, where streams cost class loading. */
    private static List<DbName> dbNames(String... dbs) {
        DbName[] names = new DbName[dbs.length];
        for (int i = 0; i < dbs.length; i++) {
            names[i] = DbName.of(dbs[i]);
        }
        return List.of(names);
    }

    /**
     * Returns the validated routing of {@code service} over the databases it declares.
     *
     * @throws RoutingException with {@link ErrorCode#UNKNOWN_DATABASE} for a database no router fills,
     *     or {@link ErrorCode#INVALID_ROUTING} when two of the databases route the same app
     */
    public ServiceRouting forService(ServiceName service, List<DbName> dbs) {
        List<RoutingException> problems = routingProblems(service, dbs);
        if (!problems.isEmpty()) {
            throw RoutingException.allOf(ErrorCode.INVALID_ROUTING, "routing problems", problems);
        }
        Map<DbName, List<AppName>> appsByDb = new HashMap<>();
        for (DbName db : new LinkedHashSet<>(dbs)) {
            appsByDb.put(db, routerOf(db).appsFor(service));
        }
        return new ServiceRouting(service, List.copyOf(new LinkedHashSet<>(dbs)), appsByDb, knownApps);
    }

    /**
     * Returns every database (dev-only ones only in development) with its apps as the admin service
     * sees them.
     */
    public AdminView adminView(Environment environment) {
        List<AdminView.Database> dbs = new ArrayList<>();
        for (PerAppDbRouter router : routers) {
            if (router.devOnly() && environment == Environment.PRODUCTION) {
                continue;
            }
            dbs.add(new AdminView.Database(router.db(), router.appsFor(adminService), router.devOnly()));
        }
        return new AdminView(adminService, environment, dbs);
    }

    /**
     * Returns the smallest set of databases {@code service} must declare to reach {@code apps}.
     *
     * @throws RoutingException with {@link ErrorCode#APP_NOT_ROUTED} when no router routes an app for
     *     the service, or {@link ErrorCode#INVALID_ROUTING} when every set reaching all apps routes some
     *     app twice
     */
    public List<DbName> databasesNeeded(ServiceName service, AppName... apps) {
        List<DbName> candidates = new ArrayList<>();
        for (AppName app : apps) {
            List<DbName> routing = routers.stream()
                    .filter(r -> r.appsFor(service).contains(app))
                    .map(PerAppDbRouter::db)
                    .toList();
            if (routing.isEmpty()) {
                throw RoutingException.forApp(
                        ErrorCode.APP_NOT_ROUTED,
                        service,
                        app,
                        "no router routes app '" + app + "' for service '" + service
                                + "': add the app to the router of the database it should live in");
            }
            routing.stream().filter(db -> !candidates.contains(db)).forEach(candidates::add);
        }
        if (candidates.size() > 20) {
            throw RoutingException.forService(
                    ErrorCode.INVALID_ROUTING,
                    service,
                    "too many candidate databases (" + candidates.size() + ") for service '" + service
                            + "'; declare its databases by hand");
        }
        List<DbName> best = null;
        for (int mask = 1; mask < (1 << candidates.size()); mask++) {
            if (best != null && Integer.bitCount(mask) >= best.size()) {
                continue;
            }
            List<DbName> chosen = new ArrayList<>();
            for (int i = 0; i < candidates.size(); i++) {
                if ((mask & (1 << i)) != 0) {
                    chosen.add(candidates.get(i));
                }
            }
            if (covers(service, chosen, apps)
                    && routingProblems(service, chosen).isEmpty()) {
                best = chosen;
            }
        }
        if (best == null) {
            throw RoutingException.forService(
                    ErrorCode.INVALID_ROUTING,
                    service,
                    "no set of databases lets service '" + service + "' reach " + Text.list(Arrays.asList(apps))
                            + " with every app routed once; among " + Text.list(candidates)
                            + " each choice routes some app twice: change the routers or split the service");
        }
        return List.copyOf(best);
    }

    /**
     * Returns the whole routing map as an aligned text table (service, app, database), one row per
     * app of each declared service and of the admin service, for reviews and docs.
     */
    public String routingTable() {
        Map<ServiceName, ServiceRouting> routings = new LinkedHashMap<>();
        services.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .forEach(e -> routings.put(e.getKey(), forService(e.getKey(), e.getValue())));
        return RoutingTable.render(routings, adminView(Environment.DEVELOPMENT));
    }

    private boolean covers(ServiceName service, List<DbName> dbs, AppName... apps) {
        Set<AppName> reachable = new LinkedHashSet<>();
        dbs.forEach(db -> reachable.addAll(routerOf(db).appsFor(service)));
        return reachable.containsAll(Arrays.asList(apps));
    }

    private PerAppDbRouter routerOf(DbName db) {
        PerAppDbRouter router = routerByDb.get(db);
        if (router == null) {
            throw new IllegalStateException("no router for " + db);
        }
        return router;
    }

    private List<RoutingException> routingProblems(ServiceName service, List<DbName> dbs) {
        List<RoutingException> problems = new ArrayList<>();
        Map<AppName, DbName> seen = new LinkedHashMap<>();
        for (DbName db : new LinkedHashSet<>(dbs)) {
            PerAppDbRouter router = routerByDb.get(db);
            if (router == null) {
                problems.add(RoutingException.forService(
                        ErrorCode.UNKNOWN_DATABASE,
                        service,
                        db,
                        "service '" + service + "' declares database '" + db + "', which no router fills"
                                + Text.didYouMean(
                                        db.value(),
                                        routerByDb.keySet().stream()
                                                .map(DbName::value)
                                                .toList())
                                + "; known databases: " + Text.list(routerByDb.keySet())
                                + ". Fix the name or add a router for it to the registry"));
                continue;
            }
            for (AppName app : router.appsFor(service)) {
                DbName other = seen.putIfAbsent(app, db);
                if (other != null) {
                    problems.add(RoutingException.forApp(
                            ErrorCode.INVALID_ROUTING,
                            service,
                            app,
                            db,
                            "app '" + app + "' is routed by both '" + other + "' and '" + db + "' in service '"
                                    + service + "': give the service only one of them, or move the app"));
                }
            }
        }
        return problems;
    }

    private static String routerName(PerAppDbRouter router) {
        Class<?> type = router.getClass();
        boolean named =
                !type.getSimpleName().isEmpty() && !type.getPackageName().equals(RoutingTable.class.getPackageName());
        return named ? type.getSimpleName() : router.toString();
    }

    /** Builds a {@link DbRouterRegistry}; mutable, not thread-safe. */
    public static final class Builder {
        private final List<PerAppDbRouter> routers = new ArrayList<>();
        private final Map<ServiceName, List<DbName>> services = new LinkedHashMap<>();
        private final List<String> nameProblems = new ArrayList<>();
        private ServiceName adminService = ServiceName.of(DEFAULT_ADMIN_NAME);

        private Builder() {}

        /** Adds a router; the registry keeps this order (it is the admin view's order). */
        public Builder router(PerAppDbRouter router) {
            routers.add(router);
            return this;
        }

        /** Names the admin service (default {@value DbRouterRegistry#DEFAULT_ADMIN_NAME}). */
        public Builder adminService(String name) {
            adminService = ServiceName.of(name);
            return this;
        }

        /**
         * Declares a service and the databases it uses, so {@link DbRouterRegistry#forService(String)},
         * the routing table and the build-time checks know it.
         */
        public Builder service(String name, String... dbs) {
            ServiceName service = ServiceName.of(name);
            if (services.containsKey(service)) {
                nameProblems.add("service '" + service + "' is declared twice: declare it once with all its databases");
            }
            services.put(service, dbNames(dbs));
            return this;
        }

        /**
         * Validates everything and returns the registry.
         *
         * @throws RoutingException with {@link ErrorCode#INVALID_ROUTING} listing every problem found
         */
        public DbRouterRegistry build() {
            List<String> problems = new ArrayList<>(nameProblems);
            Map<DbName, PerAppDbRouter> byDb = new LinkedHashMap<>();
            for (PerAppDbRouter router : routers) {
                PerAppDbRouter other = byDb.putIfAbsent(router.db(), router);
                if (other != null) {
                    problems.add("database '" + router.db() + "' has two routers, " + routerName(other) + " and "
                            + routerName(router) + ": keep one router per database and merge their apps");
                }
                List<AppName> adminApps = router.appsFor(adminService);
                Set<AppName> unique = new LinkedHashSet<>(adminApps);
                if (unique.size() != adminApps.size()) {
                    problems.add("router " + routerName(router) + " lists an app twice for database '" + router.db()
                            + "': " + adminApps + "; list each app once");
                    continue;
                }
                for (Map.Entry<ServiceName, List<DbName>> service : services.entrySet()) {
                    List<AppName> apps = router.appsFor(service.getKey());
                    if (service.getValue().contains(router.db()) && new LinkedHashSet<>(apps).size() != apps.size()) {
                        problems.add("router " + routerName(router) + " lists an app twice for database '"
                                + router.db() + "' in service '" + service.getKey() + "': " + apps
                                + "; list each app once");
                    }
                }
            }
            if (!problems.isEmpty()) {
                throw invalid(problems);
            }
            DbRouterRegistry registry = new DbRouterRegistry(routers, adminService, Map.copyOf(services));
            for (Map.Entry<ServiceName, List<DbName>> service : services.entrySet()) {
                for (RoutingException problem : registry.routingProblems(service.getKey(), service.getValue())) {
                    problems.add(problem.getMessage());
                }
            }
            for (PerAppDbRouter router : routers) {
                List<AppName> adminApps = router.appsFor(adminService);
                for (ServiceName service : services.keySet()) {
                    if (!services.get(service).contains(router.db())) {
                        continue;
                    }
                    for (AppName app : router.appsFor(service)) {
                        if (!adminApps.contains(app)) {
                            problems.add("app '" + app + "' is routed to '" + router.db() + "' in service '" + service
                                    + "' but the admin service '" + adminService
                                    + "' does not see it there, so migrate-all would never create its tables:"
                                    + " route it for the admin service too in " + routerName(router));
                        }
                    }
                }
            }
            if (!problems.isEmpty()) {
                throw invalid(problems);
            }
            return registry;
        }

        private static RoutingException invalid(List<String> problems) {
            String message = problems.size() == 1
                    ? problems.get(0)
                    : problems.size() + " routing problems:\n  - " + String.join("\n  - ", problems);
            return RoutingException.of(ErrorCode.INVALID_ROUTING, message);
        }
    }
}
