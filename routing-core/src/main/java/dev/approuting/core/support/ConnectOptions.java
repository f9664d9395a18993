package dev.approuting.core.support;

import dev.approuting.core.ErrorCode;
import dev.approuting.core.RoutingException;
import java.time.Duration;
import java.util.Map;

/**
 * How {@link Connections} opens a connection: the application name shown in {@code pg_stat_activity},
 * the connect and login timeout, the socket timeout, the server's statement timeout, whether to
 * {@code SET ROLE} to the credentials' role, and extra PostgreSQL driver properties (such as those of an
 * admin URL).
 *
 * <p>Three kinds of work, three starting points, so that no connection waits without bound on a server
 * that accepts and then stops answering:
 *
 * <ul>
 *   <li>{@link #forReads(String)}: status, health, probes, checks — 5 s to connect, 15 s per read, a 10 s
 *       statement timeout;
 *   <li>{@link #of(String)}: provisioning, setup, the linter's trace, tests — 10 s to connect, 10 min per
 *       read;
 *   <li>{@link #forMigrations(String)}: a migration's statements, which may rightly run for hours — 10 s to
 *       connect, no read or statement limit, TCP keep-alive on. A socket timeout would abandon a long
 *       {@code CREATE INDEX} while the server goes on running it with the lock held, so a migration is
 *       bounded by its connect timeout, the lint's {@code lock_timeout} rule and TCP keep-alive instead.
 * </ul>
 *
 * <pre>{@code
 * ConnectOptions options = ConnectOptions.forReads("approuting-status").withSocketTimeout(Duration.ofSeconds(30));
 * }</pre>
 *
 * @param applicationName shown in {@code pg_stat_activity}, such as {@code approuting-migrate}
 * @param connectTimeout how long connecting and logging in may take (whole seconds, at least one)
 * @param socketTimeout how long a read may block, or {@link Duration#ZERO} for no limit
 * @param setRole whether to {@code SET ROLE} to the credentials' role after logging in
 * @param driverProperties more driver properties; never {@code user} or {@code password}
 * @param statementTimeout the server's {@code statement_timeout} for the session, or {@link Duration#ZERO}
 *     for the server's own setting
 */
public record ConnectOptions(
        String applicationName,
        Duration connectTimeout,
        Duration socketTimeout,
        boolean setRole,
        Map<String, String> driverProperties,
        Duration statementTimeout) {

    /** The connect timeout of {@link #of(String)} and {@link #forMigrations(String)}. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);

    /** The socket timeout of {@link #of(String)}: generous, yet a stalled server fails the call. */
    public static final Duration DEFAULT_SOCKET_TIMEOUT = Duration.ofMinutes(10);

    /** The connect timeout of {@link #forReads(String)}. */
    public static final Duration READ_CONNECT_TIMEOUT = Duration.ofSeconds(5);

    /** The socket timeout of {@link #forReads(String)}. */
    public static final Duration READ_SOCKET_TIMEOUT = Duration.ofSeconds(15);

    /** The statement timeout of {@link #forReads(String)}. */
    public static final Duration READ_STATEMENT_TIMEOUT = Duration.ofSeconds(10);

    /**
     * Validates the values and copies the map.
     *
     * @throws RoutingException with {@link ErrorCode#INVALID_CONFIGURATION} for a negative timeout or a
     *     driver property that would carry the login
     */
    public ConnectOptions {
        if (connectTimeout.isNegative() || socketTimeout.isNegative() || statementTimeout.isNegative()) {
            throw RoutingException.of(
                    ErrorCode.INVALID_CONFIGURATION,
                    "connection timeouts must not be negative (connect " + connectTimeout + ", socket " + socketTimeout
                            + ", statement " + statementTimeout + ")");
        }
        if (driverProperties.containsKey("user") || driverProperties.containsKey("password")) {
            throw RoutingException.of(
                    ErrorCode.INVALID_CONFIGURATION,
                    "the login comes from the credentials, not from driver properties: leave out user and password");
        }
        driverProperties = Map.copyOf(driverProperties);
    }

    /**
     * Options without a statement timeout.
     *
     * @throws RoutingException as the canonical constructor
     */
    public ConnectOptions(
            String applicationName,
            Duration connectTimeout,
            Duration socketTimeout,
            boolean setRole,
            Map<String, String> driverProperties) {
        this(applicationName, connectTimeout, socketTimeout, setRole, driverProperties, Duration.ZERO);
    }

    /**
     * Returns options for general work with {@code applicationName}: a 10 s connect timeout, a 10 min socket
     * timeout, the server's statement timeout, and SET ROLE on.
     */
    public static ConnectOptions of(String applicationName) {
        return new ConnectOptions(
                applicationName, DEFAULT_CONNECT_TIMEOUT, DEFAULT_SOCKET_TIMEOUT, true, Map.of(), Duration.ZERO);
    }

    /**
     * Returns options for short reads (status, health, checks): a 5 s connect timeout, a 15 s socket timeout
     * and a 10 s statement timeout, and SET ROLE on.
     */
    public static ConnectOptions forReads(String applicationName) {
        return new ConnectOptions(
                applicationName, READ_CONNECT_TIMEOUT, READ_SOCKET_TIMEOUT, true, Map.of(), READ_STATEMENT_TIMEOUT);
    }

    /**
     * Returns options for running migrations: a 10 s connect timeout, no socket or statement timeout (a
     * migration statement may run for hours), TCP keep-alive on, and SET ROLE on.
     */
    public static ConnectOptions forMigrations(String applicationName) {
        return new ConnectOptions(
                applicationName,
                DEFAULT_CONNECT_TIMEOUT,
                Duration.ZERO,
                true,
                Map.of("tcpKeepAlive", "true"),
                Duration.ZERO);
    }

    /** Returns a copy with another connect and login timeout. */
    public ConnectOptions withConnectTimeout(Duration timeout) {
        return new ConnectOptions(applicationName, timeout, socketTimeout, setRole, driverProperties, statementTimeout);
    }

    /** Returns a copy with another socket timeout ({@link Duration#ZERO}: none). */
    public ConnectOptions withSocketTimeout(Duration timeout) {
        return new ConnectOptions(
                applicationName, connectTimeout, timeout, setRole, driverProperties, statementTimeout);
    }

    /** Returns a copy with another statement timeout ({@link Duration#ZERO}: the server's own). */
    public ConnectOptions withStatementTimeout(Duration timeout) {
        return new ConnectOptions(applicationName, connectTimeout, socketTimeout, setRole, driverProperties, timeout);
    }

    /** Returns a copy that does, or does not, {@code SET ROLE} to the credentials' role. */
    public ConnectOptions withSetRole(boolean apply) {
        return new ConnectOptions(
                applicationName, connectTimeout, socketTimeout, apply, driverProperties, statementTimeout);
    }

    /**
     * Returns a copy with these driver properties (replacing earlier ones). A {@code sslmode} or
     * {@code sslrootcert} among them (from a URL the user gave) wins over the credentials' own.
     */
    public ConnectOptions withDriverProperties(Map<String, String> properties) {
        return new ConnectOptions(
                applicationName, connectTimeout, socketTimeout, setRole, properties, statementTimeout);
    }
}
