package dev.approuting.testkit.internal;

import dev.approuting.core.AppName;
import dev.approuting.core.DbCredentials;
import dev.approuting.core.DbName;
import dev.approuting.core.DbRouterRegistry;
import dev.approuting.core.RoutedDatabases;
import dev.approuting.core.RoutingException;
import dev.approuting.core.ServiceRouting;
import dev.approuting.core.spi.RegistryProvider;
import dev.approuting.flyway.MigrationConfig;
import dev.approuting.testkit.App;
import dev.approuting.testkit.Db;
import dev.approuting.testkit.Isolation;
import dev.approuting.testkit.RoutingExtension;
import dev.approuting.testkit.RoutingTest;
import dev.approuting.testkit.TestIsolation;
import dev.approuting.testkit.postgres.PostgresStandby;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.platform.commons.support.AnnotationSupport;

/** What {@link RoutingExtension} does: state in JUnit stores, parameters, misuse messages. */
public final class ExtensionSupport {
    private static final Namespace NAMESPACE = Namespace.create(RoutingExtension.class);
    private static final String CLASS_STATE = "class";
    private static final String TEST_DATABASES = "databases";

    /** The databases of the tests running now, by test class, for contexts that outlive one test. */
    private static final ConcurrentHashMap<Class<?>, Set<TestDatabases>> RUNNING = new ConcurrentHashMap<>();
    /** The databases of the test running on this thread. */
    private static final ThreadLocal<@Nullable TestDatabases> ON_THIS_THREAD = new ThreadLocal<>();
    /** The test classes in Isolation.PER_CLASS, with their state, so their shared set can be found between tests. */
    private static final ConcurrentHashMap<Class<?>, ClassState> CLASSES = new ConcurrentHashMap<>();

    private ExtensionSupport() {}

    /**
     * The databases one test (or, for {@link Isolation#PER_CLASS}, one class) works on, and what ends
     * them when JUnit closes the test's store: dropping fresh clones, rolling a session back, or
     * nothing for the class's shared set.
     */
    private record TestDatabases(Isolation isolation, CloneSet clones, Runnable end) implements AutoCloseable {
        RoutedDatabases databases() {
            return clones.databases();
        }

        @Override
        public void close() {
            end.run();
        }
    }

    /** What a test class needs: its routing, the runtime and the migrator; the shared set when per class. */
    private static final class ClassState implements AutoCloseable {
        final RoutingTest annotation;
        final ServiceRouting routing;
        final TestRuntime runtime;
        final SchemaMigrator migrator;
        final Set<DbName> replicas;
        private @Nullable CloneSet shared;

        ClassState(
                RoutingTest annotation,
                ServiceRouting routing,
                TestRuntime runtime,
                SchemaMigrator migrator,
                Set<DbName> replicas) {
            this.annotation = annotation;
            this.routing = routing;
            this.runtime = runtime;
            this.migrator = migrator;
            this.replicas = replicas;
        }

        CloneSet checkout() {
            return runtime.checkout(routing, migrator, replicas);
        }

        synchronized CloneSet shared() {
            CloneSet set = shared;
            if (set == null) {
                set = checkout();
                shared = set;
            }
            return set;
        }

        @Override
        public synchronized void close() {
            if (shared != null) {
                shared.close();
                shared = null;
            }
        }
    }

    public static void beforeAll(ExtensionContext context) {
        Class<?> testClass = context.getRequiredTestClass();
        RoutingTest annotation = AnnotationSupport.findAnnotation(testClass, RoutingTest.class)
                .orElseThrow(() -> new ExtensionConfigurationException(testClass.getSimpleName()
                        + " registers RoutingExtension without @RoutingTest: annotate the class with"
                        + " @RoutingTest(service = \"your/service\", registry = YourRegistryProvider.class)"));
        DbRouterRegistry registry = registry(context, annotation, testClass);
        ServiceRouting routing = registry.forService(annotation.service());
        String spec = annotation.postgres();
        TestRuntime runtime = computeIfAbsent(
                        context, "runtime:" + spec, k -> TestRuntime.lease(spec), TestRuntime.Lease.class)
                .runtime();
        // One migrator per run (and gate setting): it keeps the content hashes of the scripts, so they are read once.
        boolean allowUnsafe = annotation.allowUnsafeMigrations();
        SchemaMigrator migrator = computeIfAbsent(
                context,
                "migrator:" + allowUnsafe,
                k -> new FlywaySchemaMigrator(MigrationConfig.defaults(), allowUnsafe),
                SchemaMigrator.class);
        runtime.templates(routing, migrator);
        if (annotation.isolation() == Isolation.PER_CLASS && context.getExecutionMode() == ExecutionMode.CONCURRENT) {
            throw new ExtensionConfigurationException(testClass.getSimpleName()
                    + " shares one set of databases between its tests (Isolation.PER_CLASS) but runs them"
                    + " concurrently: add @Execution(ExecutionMode.SAME_THREAD) to the class, or use"
                    + " @RoutingTest(..., isolation = Isolation.FRESH)");
        }
        Set<DbName> replicas = replicas(annotation, routing, testClass);
        ClassState state = new ClassState(annotation, routing, runtime, migrator, replicas);
        context.getStore(NAMESPACE).put(CLASS_STATE, state);
        CLASSES.put(testClass, state);
        context.getStore(NAMESPACE).put("forget", (AutoCloseable) () -> CLASSES.remove(testClass, state));
    }

    /** The databases of {@code @RoutingTest(replicas = …)}, checked against the service and the isolation. */
    private static Set<DbName> replicas(RoutingTest annotation, ServiceRouting routing, Class<?> testClass) {
        if (annotation.replicas().length == 0) {
            return Set.of();
        }
        List<String> problems = new ArrayList<>();
        Set<DbName> replicas = new LinkedHashSet<>();
        for (String name : annotation.replicas()) {
            DbName db;
            try {
                db = DbName.of(name);
            } catch (RoutingException e) {
                problems.add(e.getMessage());
                continue;
            }
            if (!routing.databases().contains(db)) {
                problems.add("'" + name + "' is not a database of service '" + routing.service() + "' (it declares "
                        + routing.databases().stream().map(DbName::value).collect(Collectors.joining(", ")) + ")");
            }
            replicas.add(db);
        }
        if (annotation.isolation() == Isolation.ROLLBACK) {
            problems.add("a replica only sees committed writes, and Isolation.ROLLBACK never commits: use"
                    + " @RoutingTest(..., isolation = Isolation.FRESH) or Isolation.PER_CLASS");
        }
        if (!problems.isEmpty()) {
            throw new ExtensionConfigurationException(testClass.getSimpleName() + ": @RoutingTest(replicas = "
                    + Arrays.toString(annotation.replicas()) + "): " + String.join("; ", problems));
        }
        return Set.copyOf(replicas);
    }

    public static void beforeEach(ExtensionContext context) {
        ClassState state = classState(context);
        Isolation isolation = context.getTestMethod()
                .flatMap(m -> AnnotationSupport.findAnnotation(m, TestIsolation.class))
                .map(TestIsolation::value)
                .orElse(state.annotation.isolation());
        if (!state.replicas.isEmpty() && isolation == Isolation.ROLLBACK) {
            throw new ExtensionConfigurationException(
                    context.getRequiredTestClass().getSimpleName() + "."
                            + context.getRequiredTestMethod().getName()
                            + "(…) asks for Isolation.ROLLBACK, but its class has replicas, which only see committed"
                            + " writes: remove @TestIsolation(Isolation.ROLLBACK) from the test");
        }
        if (!state.replicas.isEmpty()) {
            state.runtime.standby(); // running and replaying, whatever the test before left
        }
        TestDatabases databases = switch (isolation) {
            case FRESH -> {
                CloneSet set = state.checkout();
                yield new TestDatabases(Isolation.FRESH, set, set::close);
            }
            case ROLLBACK -> {
                RollbackSession session = state.runtime.borrowRollback(state.routing, state.migrator);
                String test = context.getRequiredTestClass().getSimpleName() + "."
                        + context.getRequiredTestMethod().getName() + "(…)";
                yield new TestDatabases(
                        Isolation.ROLLBACK, session.clones(), () -> state.runtime.giveBack(session, test));
            }
            case PER_CLASS -> shared(state.shared());
        };
        context.getStore(NAMESPACE).put(TEST_DATABASES, databases);
        RUNNING.computeIfAbsent(context.getRequiredTestClass(), k -> ConcurrentHashMap.newKeySet())
                .add(databases);
        ON_THIS_THREAD.set(databases);
    }

    private static TestDatabases shared(CloneSet set) {
        return new TestDatabases(Isolation.PER_CLASS, set, () -> {});
    }

    /**
     * Ends the test's databases now rather than when JUnit closes the test's store, so a failure (a
     * connection left open in {@link Isolation#ROLLBACK}) is reported as the test's own.
     */
    public static void afterEach(ExtensionContext context) {
        TestDatabases databases = context.getStore(NAMESPACE).remove(TEST_DATABASES, TestDatabases.class);
        if (databases != null) {
            Set<TestDatabases> running = RUNNING.get(context.getRequiredTestClass());
            if (running != null) {
                running.remove(databases);
            }
            ON_THIS_THREAD.remove();
            databases.close();
        }
    }

    /** See {@link RoutingExtension#databasesOf(Class)}. */
    public static RoutedDatabases databasesOf(Class<?> testClass) {
        TestDatabases mine = ON_THIS_THREAD.get();
        Set<TestDatabases> running = RUNNING.getOrDefault(testClass, Set.of());
        if (mine != null && running.contains(mine)) {
            return mine.databases();
        }
        List<TestDatabases> now = List.copyOf(running);
        if (now.size() == 1) {
            return now.get(0).databases();
        }
        ClassState state = CLASSES.get(testClass);
        if (now.isEmpty() && state != null && state.annotation.isolation() == Isolation.PER_CLASS) {
            return state.shared().databases();
        }
        throw new IllegalStateException(
                now.isEmpty()
                        ? "no test of " + testClass.getSimpleName()
                                + " is running, so there are no databases to use: in"
                                + " Isolation." + (state == null ? "FRESH" : state.annotation.isolation())
                                + " databases exist per test. Use them from the test (not while the context starts), or"
                                + " use @RoutingTest(..., isolation = Isolation.PER_CLASS)"
                        : now.size() + " tests of " + testClass.getSimpleName() + " run at once and share one context,"
                                + " which cannot tell whose databases a call on another thread is for: add"
                                + " @Execution(ExecutionMode.SAME_THREAD) to the class");
    }

    public static boolean supports(ParameterContext parameter) {
        Class<?> type = parameter.getParameter().getType();
        if (parameter.isAnnotated(App.class) || parameter.isAnnotated(Db.class)) {
            return true;
        }
        // A parameter carrying another annotation (a Spring qualifier, say) is another resolver's.
        boolean annotated = parameter.getParameter().getAnnotations().length > 0;
        return !annotated
                && (type == RoutedDatabases.class
                        || type == ServiceRouting.class
                        || type == DSLContext.class
                        || type == PostgresStandby.class);
    }

    public static Object resolve(ParameterContext parameter, ExtensionContext context) {
        Parameter p = parameter.getParameter();
        Class<?> type = p.getType();
        ClassState state = classState(context);
        App app = p.getAnnotation(App.class);
        Db db = p.getAnnotation(Db.class);
        if (app != null && type != DSLContext.class) {
            throw misuse(
                    parameter,
                    "@App binds a DSLContext to an app; for " + type.getSimpleName()
                            + " use @Db(\"database\") or no annotation. Write: @App(\"" + app.value()
                            + "\") DSLContext "
                            + p.getName());
        }
        if (type == DSLContext.class && app == null) {
            String example = state.routing.routes().keySet().stream()
                    .map(AppName::value)
                    .sorted()
                    .findFirst()
                    .orElse("app");
            throw misuse(
                    parameter,
                    "a DSLContext is bound to one app, and this one names none. Write: @App(\""
                            + example + "\") DSLContext " + p.getName() + " (apps of service '"
                            + state.routing.service() + "': "
                            + appsOf(state.routing) + ")");
        }
        if (db != null && type != DataSource.class && type != DbCredentials.class && type != String.class) {
            throw misuse(
                    parameter,
                    "@Db(\"" + db.value() + "\") gives a DataSource, DbCredentials or String (JDBC URL)," + " not "
                            + type.getSimpleName() + ". Write: @Db(\"" + db.value() + "\") DataSource " + p.getName());
        }
        if (db == null
                && (type == DataSource.class || type == DbCredentials.class || (type == String.class && app == null))) {
            String example = state.routing.databases().get(0).value();
            throw misuse(
                    parameter,
                    "a " + type.getSimpleName() + " belongs to one logical database, and this one names"
                            + " none. Write: @Db(\"" + example + "\") " + type.getSimpleName() + " " + p.getName()
                            + " (databases of service '" + state.routing.service() + "': "
                            + state.routing.databases().stream()
                                    .map(DbName::value)
                                    .collect(Collectors.joining(", ")) + ")");
        }
        if (type == PostgresStandby.class) {
            PostgresStandby standby = state.replicas.isEmpty() ? null : state.runtime.startedStandby();
            if (standby == null) {
                throw misuse(
                        parameter,
                        "a PostgresStandby serves the readers of @RoutingTest(replicas = …), and "
                                + context.getRequiredTestClass().getSimpleName()
                                + " asks for none. Write: @RoutingTest(service = \"" + state.routing.service()
                                + "\", …, replicas = \""
                                + state.routing.databases().get(0) + "\")");
            }
            return standby;
        }
        TestDatabases databases = testDatabases(parameter, context);
        try {
            if (type == RoutedDatabases.class) {
                return databases.databases();
            }
            if (type == ServiceRouting.class) {
                return databases.databases().routing();
            }
            if (app != null) {
                return databases.databases().dsl(AppName.of(app.value()));
            }
            DbName name = DbName.of(requireDb(db, parameter).value());
            if (type == DataSource.class) {
                return databases.databases().dataSource(name);
            }
            if (databases.isolation() == Isolation.ROLLBACK) {
                throw misuse(
                        parameter,
                        "in Isolation.ROLLBACK every statement must run in the test's transaction,"
                                + " which a " + type.getSimpleName() + " would bypass. Take @Db(\"" + name
                                + "\") DataSource "
                                + p.getName() + " instead, or put @TestIsolation(Isolation.FRESH) on the test");
            }
            DbCredentials credentials = databases.clones().credentials(name);
            return type == String.class ? credentials.jdbcUrl() : credentials;
        } catch (RoutingException e) {
            throw new ParameterResolutionException(describe(parameter) + ": " + e.getMessage(), e);
        }
    }

    private static Db requireDb(@Nullable Db db, ParameterContext parameter) {
        if (db == null) {
            throw misuse(parameter, "no @Db annotation");
        }
        return db;
    }

    private static String appsOf(ServiceRouting routing) {
        return routing.routes().entrySet().stream()
                .map(e -> e.getKey() + " -> " + e.getValue())
                .sorted()
                .collect(Collectors.joining(", "));
    }

    private static TestDatabases testDatabases(ParameterContext parameter, ExtensionContext context) {
        TestDatabases found = context.getTestMethod().isPresent()
                ? context.getStore(NAMESPACE).get(TEST_DATABASES, TestDatabases.class)
                : null;
        if (found != null) {
            return found;
        }
        ClassState state = classState(context);
        if (state.annotation.isolation() == Isolation.PER_CLASS) {
            return shared(state.shared());
        }
        throw misuse(
                parameter,
                "databases exist per test in Isolation." + state.annotation.isolation()
                        + ", so they cannot go into a constructor or @BeforeAll method. Take the parameter in the test"
                        + " or @BeforeEach method, or use @RoutingTest(..., isolation = Isolation.PER_CLASS)");
    }

    private static ClassState classState(ExtensionContext context) {
        ClassState state = context.getStore(NAMESPACE).get(CLASS_STATE, ClassState.class);
        if (state == null) {
            throw new ExtensionConfigurationException(
                    "RoutingExtension has no state for " + context.getDisplayName() + ": annotate the test class with"
                            + " @RoutingTest(service = \"your/service\", registry = YourRegistryProvider.class)");
        }
        return state;
    }

    private static DbRouterRegistry registry(ExtensionContext context, RoutingTest annotation, Class<?> testClass) {
        Class<? extends RegistryProvider> type = annotation.registry();
        return computeIfAbsent(
                context, "registry:" + type.getName(), k -> loadRegistry(type, testClass), DbRouterRegistry.class);
    }

    /**
     * The root store's value under {@code key}, made once. {@code Store.getOrComputeIfAbsent} is deprecated
     * in JUnit 6 for {@code computeIfAbsent}, which JUnit 5.14 lacks; the testkit runs on both.
     */
    @SuppressWarnings("deprecation")
    private static <V> V computeIfAbsent(
            ExtensionContext context, String key, Function<String, V> create, Class<V> type) {
        // JUnit 6 declares the result @Nullable (a value stored as null); these creators never return null.
        return Objects.requireNonNull(
                context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(key, create, type), key);
    }

    private static DbRouterRegistry loadRegistry(Class<? extends RegistryProvider> type, Class<?> testClass) {
        RegistryProvider provider = provider(type, testClass);
        try {
            return DbRouterRegistry.load(provider::registry);
        } catch (RoutingException e) {
            throw new ExtensionConfigurationException(
                    testClass.getSimpleName() + ": the registry of "
                            + provider.getClass().getName() + " failed to build: " + e.getMessage(),
                    e);
        }
    }

    private static RegistryProvider provider(Class<? extends RegistryProvider> type, Class<?> testClass) {
        if (type == RegistryProvider.class) {
            List<ServiceLoader.Provider<RegistryProvider>> found =
                    ServiceLoader.load(RegistryProvider.class).stream().toList();
            if (found.size() != 1) {
                throw new ExtensionConfigurationException(testClass.getSimpleName() + " names no registry and "
                        + (found.isEmpty() ? "no" : found.size()) + " RegistryProvider"
                        + (found.size() == 1 ? " was" : "s were") + " found through ServiceLoader"
                        + (found.isEmpty()
                                ? ""
                                : " ("
                                        + found.stream()
                                                .map(f -> f.type().getName())
                                                .collect(Collectors.joining(", "))
                                        + ")")
                        + ": write @RoutingTest(service = \"...\", registry = YourRegistryProvider.class), or list exactly"
                        + " one class in META-INF/services/dev.approuting.core.spi.RegistryProvider");
            }
            return instance(found.get(0).type(), testClass);
        }
        return instance(type, testClass);
    }

    private static RegistryProvider instance(Class<? extends RegistryProvider> type, Class<?> testClass) {
        try {
            Constructor<? extends RegistryProvider> constructor = type.getDeclaredConstructor();
            constructor.setAccessible(true);
            return constructor.newInstance();
        } catch (ReflectiveOperationException e) {
            throw new ExtensionConfigurationException(
                    testClass.getSimpleName() + ": cannot create registry provider " + type.getName() + " (" + e
                            + "): give it a public no-argument constructor",
                    e);
        } catch (ExceptionInInitializerError | NoClassDefFoundError e) {
            try {
                DbRouterRegistry.load(() -> {
                    throw e;
                });
            } catch (RoutingException hidden) {
                throw new ExtensionConfigurationException(
                        testClass.getSimpleName() + ": the registry of " + type.getName() + " failed to build: "
                                + hidden.getMessage(),
                        hidden);
            }
            throw e;
        }
    }

    private static ParameterResolutionException misuse(ParameterContext parameter, String problem) {
        return new ParameterResolutionException(describe(parameter) + ": " + problem);
    }

    private static String describe(ParameterContext parameter) {
        Executable executable = parameter.getDeclaringExecutable();
        String owner = executable.getDeclaringClass().getSimpleName();
        String where = executable instanceof Method m ? owner + "." + m.getName() + "(…)" : "constructor of " + owner;
        Parameter p = parameter.getParameter();
        return "parameter '" + p.getName() + "' (" + p.getType().getSimpleName() + ", #" + (parameter.getIndex() + 1)
                + ") of " + where;
    }
}
