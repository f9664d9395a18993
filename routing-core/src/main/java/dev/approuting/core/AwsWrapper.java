package dev.approuting.core;

import com.zaxxer.hikari.SQLExceptionOverride;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * How a database's pools go through the AWS Advanced JDBC Wrapper
 * (<a href="https://github.com/aws/aws-advanced-jdbc-wrapper">aws-advanced-jdbc-wrapper</a>, a dependency the
 * service adds): the URL becomes {@code jdbc:aws-wrapper:postgresql://host:port/db} with host, port and
 * database from the secret (validated as ever, never a URL of the user's), and the wrapper gets exactly these
 * {@code wrapperPlugins} and this {@code clusterId}. Given on {@link PoolSettings#withAwsWrapper(AwsWrapper)}.
 *
 * <pre>{@code
 * RoutedDatabases.configure(routing).credentials(source)
 *         .poolSettings(SHOP, PoolSettings.defaults().withAwsWrapper(AwsWrapper.failover().withClusterId("shop-aurora")))
 *         .open();
 * }</pre>
 *
 * <p>Plugins: {@code failover} (or {@code failover2}) to follow an Aurora writer failover, {@code efm2} to
 * notice a dead host in seconds rather than at the socket timeout. Not {@code readWriteSplitting} (nor
 * {@code srw}): approuting routes reads itself ({@code reading(app)}, with exact read-your-writes), and the
 * wrapper's splitting gives no read-your-writes guarantee, so it is refused.
 *
 * @param plugins the wrapper's {@code wrapperPlugins}, in order; empty for none (the wrapper then only
 *     passes through)
 * @param clusterId the wrapper's {@code clusterId}: connections with the same id share one topology cache,
 *     so give each physical cluster its own; {@code null} for the writer secret's {@code host:port}, which
 *     is distinct per cluster (the database's reader pool uses the writer's too)
 */
public record AwsWrapper(List<String> plugins, @Nullable String clusterId) {
    /** The wrapper's JDBC driver class. */
    public static final String DRIVER_CLASS = "software.amazon.jdbc.Driver";

    /** The wrapper's override that keeps HikariCP from evicting connections on a failover it handled. */
    public static final String EXCEPTION_OVERRIDE_CLASS = "software.amazon.jdbc.util.HikariCPSQLException";

    private static final Pattern PLUGIN = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,63}");
    private static final Pattern CLUSTER_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:\\[\\]-]{0,127}");
    private static final Set<String> READ_SPLITTING = Set.of("readwritesplitting", "srw");

    /**
     * Validates the values.
     *
     * @throws RoutingException with {@link ErrorCode#INVALID_CONFIGURATION} naming each bad plugin or cluster id
     */
    public AwsWrapper {
        plugins = List.copyOf(plugins);
        List<String> problems = new ArrayList<>();
        for (String plugin : plugins) {
            if (!PLUGIN.matcher(plugin).matches()) {
                problems.add("plugin '" + plugin + "' is not a wrapper plugin code (letters, digits, '_')");
            } else if (READ_SPLITTING.contains(plugin.toLowerCase(Locale.ROOT))) {
                problems.add("plugin '" + plugin + "' splits reads inside the wrapper without read-your-writes:"
                        + " leave it out and read through reading(app), which routes reads to the reader itself");
            }
        }
        if (plugins.stream().distinct().count() != plugins.size()) {
            problems.add("plugins " + plugins + " name a plugin twice");
        }
        if (clusterId != null && !CLUSTER_ID.matcher(clusterId).matches()) {
            problems.add("clusterId '" + clusterId + "' must be 1 to 128 letters, digits or . _ : - [ ]");
        }
        if (!problems.isEmpty()) {
            throw RoutingException.of(
                    ErrorCode.INVALID_CONFIGURATION, "invalid AWS wrapper settings: " + String.join("; ", problems));
        }
    }

    /** Returns the wrapper with the plugins for Aurora: {@code failover} and {@code efm2}, the default cluster id. */
    public static AwsWrapper failover() {
        return plugins("failover", "efm2");
    }

    /**
     * Returns the wrapper with these plugins, in order, and the default cluster id.
     *
     * @throws RoutingException as the canonical constructor
     */
    public static AwsWrapper plugins(String... plugins) {
        return new AwsWrapper(List.of(plugins), null);
    }

    /**
     * Returns a copy with another cluster id ({@code null}: the writer's {@code host:port}).
     *
     * @throws RoutingException as the canonical constructor
     */
    public AwsWrapper withClusterId(@Nullable String id) {
        return new AwsWrapper(plugins, id);
    }

    /** Returns whether the wrapper is on the class path. */
    public static boolean available() {
        return load(DRIVER_CLASS) != null;
    }

    /**
     * Returns the wrapper's {@code HikariCPSQLException}.
     *
     * @throws RoutingException with {@link ErrorCode#INVALID_CONFIGURATION} when the wrapper is not on the class
     *     path
     */
    Class<? extends SQLExceptionOverride> defaultExceptionOverride() {
        Class<?> type = load(EXCEPTION_OVERRIDE_CLASS);
        if (type == null || !SQLExceptionOverride.class.isAssignableFrom(type)) {
            throw notOnClassPath();
        }
        return type.asSubclass(SQLExceptionOverride.class);
    }

    /** The error for a pool set to go through the wrapper when its classes are missing. */
    static RoutingException notOnClassPath() {
        return RoutingException.of(
                ErrorCode.INVALID_CONFIGURATION,
                "the pool settings name the AWS Advanced JDBC Wrapper (withAwsWrapper(…)) but " + DRIVER_CLASS
                        + " is not on the class path: add software.amazon.jdbc:aws-advanced-jdbc-wrapper to the"
                        + " service's dependencies, or call withAwsWrapper(null)");
    }

    private static @Nullable Class<?> load(String name) {
        try {
            return Class.forName(name, false, AwsWrapper.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            return null;
        }
    }
}
