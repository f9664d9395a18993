package dev.approuting.core.support;

import dev.approuting.core.ErrorCode;
import dev.approuting.core.RoutingException;
import java.time.Duration;
import java.util.Map;

/**
 * How {@link Connections} opens a connection: the application name shown in {@code pg_stat_activity},
 * the connect and login timeout, the socket timeout, whether to {@code SET ROLE} to the credentials' role,
 * and extra PostgreSQL driver properties (such as those of an admin URL).
 *
 * @param applicationName shown in {@code pg_stat_activity}, such as {@code approuting-migrate}
 * @param connectTimeout how long connecting and logging in may take (whole seconds, at least one)
 * @param socketTimeout how long a read may block, or {@link Duration#ZERO} for no limit
 * @param setRole whether to {@code SET ROLE} to the credentials' role after logging in
 * @param driverProperties more driver properties; never {@code user} or {@code password}
 */
public record ConnectOptions(
        String applicationName,
        Duration connectTimeout,
        Duration socketTimeout,
        boolean setRole,
        Map<String, String> driverProperties) {

    /** The connect timeout of {@link #of(String)}. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);

    /**
     * Validates the values and copies the map.
     *
     * @throws RoutingException with {@link ErrorCode#INVALID_CONFIGURATION} for a negative timeout or a
     *     driver property that would carry the login
     */
    public ConnectOptions {
        if (connectTimeout.isNegative() || socketTimeout.isNegative()) {
            throw RoutingException.of(
                    ErrorCode.INVALID_CONFIGURATION,
                    "connection timeouts must not be negative (connect " + connectTimeout + ", socket " + socketTimeout
                            + ")");
        }
        if (driverProperties.containsKey("user") || driverProperties.containsKey("password")) {
            throw RoutingException.of(
                    ErrorCode.INVALID_CONFIGURATION,
                    "the login comes from the credentials, not from driver properties: leave out user and password");
        }
        driverProperties = Map.copyOf(driverProperties);
    }

    /** Returns options with {@code applicationName}, a 10 s connect timeout, no socket timeout, and SET ROLE on. */
    public static ConnectOptions of(String applicationName) {
        return new ConnectOptions(applicationName, DEFAULT_CONNECT_TIMEOUT, Duration.ZERO, true, Map.of());
    }

    /** Returns a copy with another connect and login timeout. */
    public ConnectOptions withConnectTimeout(Duration timeout) {
        return new ConnectOptions(applicationName, timeout, socketTimeout, setRole, driverProperties);
    }

    /** Returns a copy with another socket timeout ({@link Duration#ZERO}: none). */
    public ConnectOptions withSocketTimeout(Duration timeout) {
        return new ConnectOptions(applicationName, connectTimeout, timeout, setRole, driverProperties);
    }

    /** Returns a copy that does, or does not, {@code SET ROLE} to the credentials' role. */
    public ConnectOptions withSetRole(boolean apply) {
        return new ConnectOptions(applicationName, connectTimeout, socketTimeout, apply, driverProperties);
    }

    /** Returns a copy with these driver properties (replacing earlier ones). */
    public ConnectOptions withDriverProperties(Map<String, String> properties) {
        return new ConnectOptions(applicationName, connectTimeout, socketTimeout, setRole, properties);
    }
}
