package dev.approuting.cli.internal;

import dev.approuting.core.DbRouterRegistry;
import dev.approuting.core.ErrorCode;
import dev.approuting.core.RoutingException;
import dev.approuting.core.spi.RegistryProvider;
import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * What every subcommand shares: the output writers and the registry. The registry is the one given
 * by the embedding service, else the {@code --registry-class}, else the one
 * {@link RegistryProvider} found through {@link ServiceLoader}.
 */
public final class CliContext {
    /** Exit code: everything succeeded and nothing is pending. */
    public static final int OK = 0;
    /** Exit code: a migration or check failed, or something is pending or broken. */
    public static final int FAILED = CommandLines.FAILED;
    /** Exit code: the command line or its input was wrong (usage, unknown database, bad settings). */
    public static final int USAGE = CommandLines.USAGE;

    private final PrintWriter out;
    private final PrintWriter err;
    private final Map<String, String> environment;
    private final @Nullable Supplier<DbRouterRegistry> given;
    private @Nullable String registryClass;
    private @Nullable DbRouterRegistry resolved;
    private boolean stackTraces;

    /**
     * Creates the context; {@code registry} builds the embedding service's registry when first needed, and is
     * {@code null} when the command runs without code; {@code environment} holds the variables the commands
     * read (credentials, tokens, passwords).
     */
    public CliContext(
            @Nullable Supplier<DbRouterRegistry> registry,
            PrintWriter out,
            PrintWriter err,
            Map<String, String> environment) {
        this.given = registry;
        this.out = out;
        this.err = err;
        this.environment = Map.copyOf(environment);
    }

    /** Returns the writer for results and progress. */
    public PrintWriter out() {
        return out;
    }

    /** Returns the writer for errors and, with {@code --format json}, progress. */
    public PrintWriter err() {
        return err;
    }

    /** Returns the environment variables the commands read (credentials, tokens, passwords). */
    public Map<String, String> environment() {
        return environment;
    }

    /** Sets whether errors are printed with their stack trace ({@code --stacktrace}). */
    public void stackTraces(boolean print) {
        this.stackTraces = print;
    }

    /** Returns whether errors are printed with their stack trace. */
    public boolean stackTraces() {
        return stackTraces;
    }

    /** Sets the {@link RegistryProvider} class named with {@code --registry-class}. */
    public void registryClass(@Nullable String name) {
        this.registryClass = name;
    }

    /**
     * Returns the registry.
     *
     * @throws RoutingException with {@link ErrorCode#INVALID_CONFIGURATION} when none can be found, or the
     *     code of the registry's own failure (such as {@link ErrorCode#INVALID_ROUTING}) when it fails to
     *     build, also in a class initialiser
     */
    public DbRouterRegistry registry() {
        DbRouterRegistry registry = resolved;
        if (registry == null) {
            registry = resolve();
            resolved = registry;
        }
        return registry;
    }

    /**
     * Returns the registry when one is given, named or on the class path, for commands that also work
     * without one.
     *
     * @throws RoutingException with {@link ErrorCode#INVALID_CONFIGURATION} when {@code --registry-class}
     *     is wrong or several registries are on the class path
     */
    public Optional<DbRouterRegistry> findRegistry() {
        if (resolved == null
                && given == null
                && registryClass == null
                && providers().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(registry());
    }

    /** Returns the providers listed for {@link ServiceLoader}, without creating them (that may fail). */
    private static List<ServiceLoader.Provider<RegistryProvider>> providers() {
        return ServiceLoader.load(RegistryProvider.class).stream().toList();
    }

    private DbRouterRegistry resolve() {
        Supplier<DbRouterRegistry> embedded = given;
        if (embedded != null) {
            return DbRouterRegistry.load(embedded);
        }
        String name = registryClass;
        if (name != null) {
            return DbRouterRegistry.load(() -> fromClass(name));
        }
        List<ServiceLoader.Provider<RegistryProvider>> providers = providers();
        if (providers.size() == 1) {
            ServiceLoader.Provider<RegistryProvider> provider = providers.get(0);
            return DbRouterRegistry.load(() -> provider.get().registry());
        }
        if (providers.isEmpty()) {
            throw RoutingException.of(
                    ErrorCode.INVALID_CONFIGURATION,
                    "no registry: put a class implementing " + RegistryProvider.class.getName()
                            + " on the class path and list it in META-INF/services, or name it with --registry-class");
        }
        throw RoutingException.of(
                ErrorCode.INVALID_CONFIGURATION,
                "several registries on the class path ("
                        + String.join(
                                ", ",
                                providers.stream().map(p -> p.type().getName()).toList())
                        + "): choose one with --registry-class");
    }

    private static DbRouterRegistry fromClass(String name) {
        try {
            Class<?> type = Class.forName(name, true, Thread.currentThread().getContextClassLoader());
            if (!RegistryProvider.class.isAssignableFrom(type)) {
                throw RoutingException.of(
                        ErrorCode.INVALID_CONFIGURATION,
                        "--registry-class " + name + " does not implement " + RegistryProvider.class.getName()
                                + ": implement it and return your registry from registry()");
            }
            return ((RegistryProvider) type.getDeclaredConstructor().newInstance()).registry();
        } catch (ClassNotFoundException e) {
            throw RoutingException.of(
                    ErrorCode.INVALID_CONFIGURATION,
                    "--registry-class " + name + " is not on the class path: run with java -cp routing.jar:your.jar "
                            + "dev.approuting.cli.RoutingCommandLine ...");
        } catch (NoSuchMethodException
                | InstantiationException
                | IllegalAccessException
                | InvocationTargetException e) {
            throw RoutingException.of(
                    ErrorCode.INVALID_CONFIGURATION,
                    "--registry-class " + name + " cannot be created (" + e
                            + "): give it a public no-argument constructor",
                    e);
        }
    }
}
