package dev.approuting.archunit;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaConstructorCall;
import com.tngtech.archunit.core.domain.JavaFieldAccess;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import dev.approuting.core.AppName;
import dev.approuting.core.CredentialsSource;
import dev.approuting.core.DbCredentials;
import dev.approuting.core.DbName;
import dev.approuting.core.DbRouterRegistry;
import dev.approuting.core.PerAppDbRouter;
import dev.approuting.core.ServiceName;
import dev.approuting.core.ServiceRouting;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * ArchUnit rules that keep code within its routing, for a service's own architecture tests. Each rule
 * reads as a sentence and its violations say the fix.
 *
 * <pre>{@code
 * @AnalyzeClasses(packages = "com.acme")
 * class RoutingRulesTest {
 *     @ArchTest
 *     static final ArchRule connections = RoutingArchRules.NO_CONNECTIONS_OUTSIDE_ROUTING_CORE;
 *     @ArchTest
 *     static final ArchRule tables = RoutingArchRules.appTablesUsedOnlyWithinOneDatabase(REGISTRY, LAYOUT);
 * }
 * }</pre>
 */
public final class RoutingArchRules {
    private static final String CORE = "dev.approuting.core..";

    private RoutingArchRules() {}

    /**
     * Only routing-core opens JDBC connections or creates {@link DataSource}s: no
     * {@code DriverManager.getConnection}, no {@code new HikariDataSource(…)}, {@code new
     * PGSimpleDataSource()} or other {@code DataSource}, no {@code DSL.using(connection or url, …)}.
     * Application code takes them from {@code RoutedDatabases}, which pools per logical database,
     * reads the secret and guards cross-database access.
     *
     * <pre>{@code
     * DataSource ds = new HikariDataSource(config);   // violation
     * DataSource ds = dbs.dataSource(DbName.of("users")); // fine
     * }</pre>
     */
    public static final ArchRule NO_CONNECTIONS_OUTSIDE_ROUTING_CORE = noClasses()
            .that()
            .resideOutsideOfPackage(CORE)
            .should(openConnectionsOrDataSources())
            .because(
                    "connections come from RoutedDatabases: dbs.dataSource(db), dbs.dsl(app) or dbs.transaction(app, …)");

    /**
     * Code of app A uses the generated jOOQ tables of app B only if every service that routes both
     * routes them to the same logical database; otherwise the query would fail at run time in that
     * service (A's connection cannot see B's tables), and A must call B's API instead.
     *
     * <pre>{@code
     * // in com.acme.workflow, while 'accounts' lives in another database in some service:
     * dsl.selectFrom(ACCOUNT).fetch(); // violation: call the accounts app's API
     * }</pre>
     */
    public static ArchRule appTablesUsedOnlyWithinOneDatabase(DbRouterRegistry registry, CodeLayout layout) {
        return appTablesUsedOnlyWithinOneDatabase(() -> registry, layout);
    }

    /**
     * Like {@link #appTablesUsedOnlyWithinOneDatabase(DbRouterRegistry, CodeLayout)}, building the registry
     * only when the rule is checked: in an {@code @ArchTest} field a registry that fails to build then fails
     * that rule with its message, instead of ArchUnit's discovery.
     */
    public static ArchRule appTablesUsedOnlyWithinOneDatabase(Supplier<DbRouterRegistry> registry, CodeLayout layout) {
        return classes()
                .should(useTablesOfAppsInTheirDatabaseOnly(new LazyRegistry(registry), layout))
                .as("code of one app uses generated tables of another app only where both share a database");
    }

    /**
     * Every app whose code a service uses is routed in that service, so {@code dbs.dsl(app)} cannot fail
     * at run time with "app not routed".
     *
     * <pre>{@code
     * // service 'shop/worker' (databases: shop) calls com.acme.accounts.AccountApi:
     * // violation: declare the database that routes 'accounts' for 'shop/worker'
     * }</pre>
     */
    public static ArchRule appsUsedByAServiceAreRoutedThere(DbRouterRegistry registry, CodeLayout layout) {
        return appsUsedByAServiceAreRoutedThere(() -> registry, layout);
    }

    /**
     * Like {@link #appsUsedByAServiceAreRoutedThere(DbRouterRegistry, CodeLayout)}, building the registry only
     * when the rule is checked (see {@link #appTablesUsedOnlyWithinOneDatabase(Supplier, CodeLayout)}).
     */
    public static ArchRule appsUsedByAServiceAreRoutedThere(Supplier<DbRouterRegistry> registry, CodeLayout layout) {
        return classes()
                .should(useOnlyRoutedApps(new LazyRegistry(registry), layout))
                .as("every app a service uses is routed in that service");
    }

    /**
     * No service's code reads the secrets of another service: it does not call code of another
     * service that reads credentials ({@link CredentialsSource}, {@link DbCredentials}). Each service
     * reads its own secrets, mounted for it alone.
     *
     * <pre>{@code
     * // in com.acme.worker:
     * ToolshedSecrets.credentials(); // violation: read the worker's own secrets
     * }</pre>
     */
    public static ArchRule noServiceReadsAnotherServicesSecrets(CodeLayout layout) {
        return classes()
                .should(notReachSecretsOfOtherServices(layout))
                .as("no service reads another service's secrets");
    }

    /**
     * Code outside module {@code root.m} never depends on {@code root.m.internal..}: what a module does
     * not export stays inside it. For libraries built like approuting ({@code root} such as
     * {@code dev.approuting}).
     */
    public static ArchRule internalPackagesStayInternal(String root) {
        return classes()
                .that()
                .resideInAPackage(root + "..")
                .should(notUseInternalsOfOtherModules(root))
                .as("classes outside a module of " + root + " do not use its internal packages");
    }

    private static ArchCondition<JavaClass> openConnectionsOrDataSources() {
        return new ArchCondition<>("open JDBC connections or create DataSources") {
            @Override
            public void check(JavaClass type, ConditionEvents events) {
                for (JavaMethodCall call : type.getMethodCallsFromSelf()) {
                    JavaClass owner = call.getTargetOwner();
                    String name = call.getName();
                    boolean driverManager =
                            owner.isEquivalentTo(java.sql.DriverManager.class) && name.equals("getConnection");
                    boolean driver = (owner.isAssignableTo(java.sql.Driver.class)
                                    || owner.getName().equals("org.postgresql.Driver"))
                            && name.equals("connect");
                    boolean dsl = owner.getName().equals("org.jooq.impl.DSL")
                            && name.equals("using")
                            && !call.getTarget().getRawParameterTypes().isEmpty()
                            && (call.getTarget().getRawParameterTypes().get(0).isEquivalentTo(java.sql.Connection.class)
                                    || call.getTarget()
                                            .getRawParameterTypes()
                                            .get(0)
                                            .isEquivalentTo(String.class));
                    if (driverManager || driver || dsl) {
                        events.add(SimpleConditionEvent.satisfied(
                                call, call.getDescription() + ": take connections from RoutedDatabases instead"));
                    }
                }
                for (JavaConstructorCall call : type.getConstructorCallsFromSelf()) {
                    JavaClass owner = call.getTargetOwner();
                    // By name too: the supertypes of classes outside the import are known only when resolved.
                    if (owner.isAssignableTo(DataSource.class)
                            || owner.getSimpleName().endsWith("DataSource")) {
                        events.add(SimpleConditionEvent.satisfied(
                                call,
                                call.getDescription()
                                        + ": take the pooled DataSource from RoutedDatabases.dataSource(db) instead"));
                    }
                }
            }
        };
    }

    private static ArchCondition<JavaClass> useTablesOfAppsInTheirDatabaseOnly(
            LazyRegistry registry, CodeLayout layout) {
        return new ArchCondition<>("use generated tables of other apps only where both share a database") {
            @Override
            public void check(JavaClass type, ConditionEvents events) {
                Optional<AppName> from = layout.appOf(type);
                if (from.isEmpty()) {
                    return;
                }
                for (JavaFieldAccess access : type.getFieldAccessesFromSelf()) {
                    JavaClass owner = access.getTargetOwner();
                    boolean table = owner.isAssignableTo("org.jooq.Table")
                            || access.getTarget().getRawType().isAssignableTo("org.jooq.Table");
                    Optional<AppName> to = layout.appOf(owner);
                    if (!table || to.isEmpty() || to.get().equals(from.get())) {
                        continue;
                    }
                    List<String> conflicts = conflicts(registry.get(), from.get(), to.get());
                    if (!conflicts.isEmpty()) {
                        events.add(SimpleConditionEvent.violated(
                                access,
                                access.getDescription() + ": app '" + from.get()
                                        + "' uses a table of app '" + to.get() + "', but "
                                        + String.join("; ", conflicts)
                                        + ". Call the '" + to.get() + "' app's API instead of its tables"));
                    }
                }
            }
        };
    }

    /** Lists the services that route both apps, to different databases. */
    private static List<String> conflicts(DbRouterRegistry registry, AppName a, AppName b) {
        List<String> found = new ArrayList<>();
        for (ServiceName service : registry.services().keySet()) {
            ServiceRouting routing =
                    registry.forService(service, registry.services().get(service));
            Optional<DbName> dbA = routing.findDb(a);
            Optional<DbName> dbB = routing.findDb(b);
            if (dbA.isPresent() && dbB.isPresent() && !dbA.get().equals(dbB.get())) {
                found.add("service '" + service + "' routes '" + a + "' to '" + dbA.get() + "' and '" + b + "' to '"
                        + dbB.get() + "'");
            }
        }
        return found;
    }

    private static ArchCondition<JavaClass> useOnlyRoutedApps(LazyRegistry lazy, CodeLayout layout) {
        return new ArchCondition<>("use only apps routed in their service") {
            @Override
            public void check(JavaClass type, ConditionEvents events) {
                Optional<ServiceName> service = layout.serviceOf(type);
                if (service.isEmpty()) {
                    return;
                }
                DbRouterRegistry registry = lazy.get();
                if (service.get().equals(registry.adminService())) {
                    // The admin service sees every database; it may use any app some router routes.
                    return;
                }
                List<DbName> dbs = registry.services().get(service.get());
                if (dbs == null) {
                    events.add(SimpleConditionEvent.violated(
                            type,
                            type.getName() + " belongs to service '" + service.get()
                                    + "', which the registry does not declare: add .service(\"" + service.get()
                                    + "\", dbs...) to the registry"));
                    return;
                }
                ServiceRouting routing = registry.forService(service.get(), dbs);
                Set<AppName> reported = new LinkedHashSet<>();
                for (Dependency dependency : type.getDirectDependenciesFromSelf()) {
                    Optional<AppName> app = layout.appOf(dependency.getTargetClass());
                    if (app.isPresent() && routing.findDb(app.get()).isEmpty() && reported.add(app.get())) {
                        events.add(SimpleConditionEvent.violated(
                                dependency,
                                dependency.getDescription() + ": service '"
                                        + service.get() + "' uses app '" + app.get()
                                        + "' but does not route it (its databases: "
                                        + dbs + "). Declare for '" + service.get() + "' the database that routes '"
                                        + app.get()
                                        + "'" + routersOf(registry, service.get(), app.get())
                                        + ", or stop using the app"));
                    }
                }
            }
        };
    }

    private static String routersOf(DbRouterRegistry registry, ServiceName service, AppName app) {
        List<String> dbs = registry.routers().stream()
                .filter(r -> r.appsFor(service).contains(app))
                .map(PerAppDbRouter::db)
                .map(DbName::value)
                .toList();
        return dbs.isEmpty() ? " (no router routes it for this service yet)" : " (" + String.join(" or ", dbs) + ")";
    }

    private static ArchCondition<JavaClass> notReachSecretsOfOtherServices(CodeLayout layout) {
        return new ArchCondition<>("not call code of other services that reads secrets") {
            @Override
            public void check(JavaClass type, ConditionEvents events) {
                Optional<ServiceName> service = layout.serviceOf(type);
                if (service.isEmpty()) {
                    return;
                }
                for (Dependency dependency : type.getDirectDependenciesFromSelf()) {
                    JavaClass target = dependency.getTargetClass();
                    Optional<ServiceName> other = layout.serviceOf(target);
                    if (other.isPresent() && !other.get().equals(service.get()) && readsSecrets(target)) {
                        events.add(SimpleConditionEvent.violated(
                                dependency,
                                dependency.getDescription() + ": service '"
                                        + service.get() + "' reaches " + target.getSimpleName()
                                        + ", which reads the secrets of service '"
                                        + other.get()
                                        + "'. Read the service's own secrets with CredentialsSource in its own code"));
                    }
                }
            }
        };
    }

    private static boolean readsSecrets(JavaClass type) {
        return type.getDirectDependenciesFromSelf().stream()
                .map(Dependency::getTargetClass)
                .anyMatch(t -> t.isAssignableTo(CredentialsSource.class) || t.isEquivalentTo(DbCredentials.class));
    }

    private static ArchCondition<JavaClass> notUseInternalsOfOtherModules(String root) {
        return new ArchCondition<>("not use internal packages of other modules") {
            @Override
            public void check(JavaClass type, ConditionEvents events) {
                String module = moduleOf(root, type.getPackageName());
                for (Dependency dependency : type.getDirectDependenciesFromSelf()) {
                    String target = dependency.getTargetClass().getPackageName();
                    String targetModule = moduleOf(root, target);
                    boolean internal = target.equals(root + "." + targetModule + ".internal")
                            || target.startsWith(root + "." + targetModule + ".internal.");
                    if (internal && !targetModule.equals(module)) {
                        events.add(SimpleConditionEvent.violated(
                                dependency,
                                dependency.getDescription()
                                        + ": " + target + " is internal to module '" + targetModule
                                        + "'; use its public API (" + root + "." + targetModule + ")"));
                    }
                }
            }
        };
    }

    private static String moduleOf(String root, String packageName) {
        if (!packageName.startsWith(root + ".")) {
            return "";
        }
        String rest = packageName.substring(root.length() + 1);
        int dot = rest.indexOf('.');
        return dot < 0 ? rest : rest.substring(0, dot);
    }
}
