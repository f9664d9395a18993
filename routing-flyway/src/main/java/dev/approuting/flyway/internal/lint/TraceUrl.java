package dev.approuting.flyway.internal.lint;

import dev.approuting.core.DbCredentials;
import dev.approuting.core.ErrorCode;
import dev.approuting.core.RoutingException;
import dev.approuting.flyway.spi.TraceServerProvider;
import java.util.Iterator;
import java.util.Map;
import java.util.Properties;
import java.util.ServiceLoader;
import org.postgresql.Driver;

/** Where {@code routing lint --trace} runs: a {@code --trace-url}, or a server a provider starts. */
final class TraceUrl {
    /** The environment variable with the trace login's user when the URL has none. */
    static final String USER_ENV = "ROUTING_TRACE_USER";
    /** The environment variable with the trace login's password when the URL has none. */
    static final String PASSWORD_ENV = "ROUTING_TRACE_PASSWORD";

    private TraceUrl() {}

    /**
     * Reads a {@code jdbc:postgresql://} URL; the login comes from its {@code user}/{@code password}
     * parameters, else from {@link #USER_ENV}/{@link #PASSWORD_ENV}, else {@code postgres} without a
     * password.
     *
     * @throws RoutingException ({@link ErrorCode#INVALID_CONFIGURATION}) for a URL that is not one
     */
    static DbCredentials parse(String url, Map<String, String> environment) {
        Properties props = Driver.parseURL(url, null);
        if (props == null) {
            throw new RoutingException(
                    ErrorCode.INVALID_CONFIGURATION,
                    "--trace-url '" + url
                            + "' is not a PostgreSQL JDBC URL; give jdbc:postgresql://host:port/database");
        }
        String host = props.getProperty("PGHOST", "localhost").split(",", -1)[0];
        String port = props.getProperty("PGPORT", "5432").split(",", -1)[0];
        String user = props.getProperty("user", environment.getOrDefault(USER_ENV, "postgres"));
        String password = props.getProperty("password", environment.getOrDefault(PASSWORD_ENV, ""));
        try {
            return DbCredentials.of(
                    host, Integer.parseInt(port), props.getProperty("PGDBNAME", "postgres"), user, password);
        } catch (NumberFormatException e) {
            throw new RoutingException(
                    ErrorCode.INVALID_CONFIGURATION, "--trace-url has a bad port '" + port + "'", null, null, null, e);
        }
    }

    /**
     * Starts the server of the first {@link TraceServerProvider} on the class path.
     *
     * @throws RoutingException ({@link ErrorCode#INVALID_CONFIGURATION}) when there is none
     */
    static TraceServerProvider.TraceServer embedded() {
        Iterator<TraceServerProvider> providers =
                ServiceLoader.load(TraceServerProvider.class).iterator();
        if (!providers.hasNext()) {
            throw new RoutingException(
                    ErrorCode.INVALID_CONFIGURATION,
                    "--trace needs a PostgreSQL server: give --trace-url jdbc:postgresql://host:port/postgres (a login"
                            + " with CREATEDB, user and password in " + USER_ENV + " and " + PASSWORD_ENV
                            + "), or put routing-testkit on the class path for its embedded server");
        }
        return providers.next().start();
    }
}
