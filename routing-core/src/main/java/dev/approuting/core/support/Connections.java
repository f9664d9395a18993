package dev.approuting.core.support;

import dev.approuting.core.DbCredentials;
import dev.approuting.core.internal.CredentialsDataSource;
import dev.approuting.core.internal.JdbcUrl;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.postgresql.Driver;

/**
 * The one place approuting opens a JDBC connection from {@link DbCredentials}: migrations, provisioning,
 * health probes, the linter's trace and the test kit all come here (pools hand HikariCP the same
 * credentials). A connection logs in as the credentials' user, shows {@link ConnectOptions#applicationName()}
 * in {@code pg_stat_activity}, is bounded by the options' timeouts, and {@code SET ROLE}s to the
 * credentials' role when they name one.
 *
 * <pre>{@code
 * try (Connection c = Connections.open(credentials, ConnectOptions.of("approuting-init-db"))) {
 *     ...
 * }
 * }</pre>
 *
 * <p>Part of the support package: public so that approuting's modules share it, usable by anyone, but
 * services normally take connections from {@link dev.approuting.core.RoutedDatabases}.
 */
public final class Connections {
    private Connections() {}

    /**
     * Opens a connection.
     *
     * @throws SQLException when the server cannot be reached, refuses the login or the role; the message
     *     never contains the password
     */
    public static Connection open(DbCredentials credentials, ConnectOptions options) throws SQLException {
        Properties properties = driverProperties(credentials, options);
        properties.setProperty("user", credentials.user());
        properties.setProperty("password", credentials.password());
        Connection connection = new Driver().connect(credentials.jdbcUrl(), properties);
        if (connection == null) {
            throw new SQLException("the PostgreSQL driver does not accept " + credentials.jdbcUrl(), "08001");
        }
        String role = credentials.setRole();
        if (role != null && options.setRole()) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("SET ROLE " + Sql.ident(role));
            } catch (SQLException e) {
                connection.close();
                throw e;
            }
        }
        return connection;
    }

    /**
     * Returns the driver properties a connection to {@code credentials} gets, without the login: the options'
     * own driver properties, the connect, login and socket timeouts, the statement timeout (as the startup
     * parameter {@code options=-c statement_timeout=…}), the application name, and TLS ({@code sslmode}:
     * the options' when they carry one, such as from a URL, else the credentials'
     * {@link DbCredentials#effectiveSslMode()}; {@code sslrootcert} likewise). Pools are given the same.
     */
    public static Properties driverProperties(DbCredentials credentials, ConnectOptions options) {
        Properties properties = new Properties();
        properties.putAll(options.driverProperties());
        String seconds = Long.toString(Math.max(1, options.connectTimeout().toSeconds()));
        properties.setProperty("connectTimeout", seconds);
        properties.setProperty("loginTimeout", seconds);
        if (!options.socketTimeout().isZero()) {
            properties.setProperty(
                    "socketTimeout",
                    Long.toString(Math.max(1, options.socketTimeout().toSeconds())));
        }
        if (!options.statementTimeout().isZero()) {
            String timeout =
                    "-c statement_timeout=" + options.statementTimeout().toMillis();
            String given = properties.getProperty("options");
            properties.setProperty("options", given == null || given.isBlank() ? timeout : given + " " + timeout);
        }
        properties.setProperty("ApplicationName", options.applicationName());
        if (!properties.containsKey("sslmode")) {
            properties.setProperty("sslmode", credentials.effectiveSslMode().value());
        }
        String rootCert = credentials.sslRootCert();
        if (rootCert != null && !properties.containsKey("sslrootcert")) {
            properties.setProperty("sslrootcert", rootCert);
        }
        return properties;
    }

    /**
     * Returns a {@link DataSource} without a pool: each {@code getConnection()} opens a new connection as
     * {@link #open} does. For work that needs few connections (a migration, provisioning), where a pool
     * would only add start-up time.
     */
    public static DataSource dataSource(DbCredentials credentials, ConnectOptions options) {
        return new CredentialsDataSource(credentials, options);
    }

    /**
     * Checks that a database answers: connects with a connection of its own (not from a pool), sets the
     * role and runs {@code SELECT 1}, each step bounded by {@code timeout}.
     *
     * @return {@code null} when the database answered, else why not, with its SQLState (never the password)
     */
    public static @Nullable String check(DbCredentials credentials, String applicationName, Duration timeout) {
        ConnectOptions options = ConnectOptions.forReads(applicationName)
                .withConnectTimeout(timeout)
                .withSocketTimeout(timeout.plusSeconds(1));
        try (Connection connection = open(credentials, options);
                Statement statement = connection.createStatement()) {
            statement.execute("SELECT 1");
            return null;
        } catch (SQLException e) {
            String state = e.getSQLState() == null ? "" : " (SQLState " + e.getSQLState() + ")";
            return e.getMessage() + state;
        }
    }

    /**
     * Returns the driver parameters a {@code jdbc:postgresql:} URL carries besides its server, database
     * and login (such as {@code sslmode}), to keep them when connecting with credentials made from it.
     *
     * @throws dev.approuting.core.RoutingException with {@link dev.approuting.core.ErrorCode#INVALID_CONFIGURATION}
     *     when it is no PostgreSQL JDBC URL (the message masks a password in it)
     */
    public static Map<String, String> urlParameters(String jdbcUrl) {
        return JdbcUrl.parse(jdbcUrl).parameters();
    }

    /**
     * Returns {@code jdbcUrl} fit for messages and logs: the value of a {@code password} parameter and a
     * {@code user:password@} before the host replaced by {@code ****}.
     *
     * <pre>{@code
     * Connections.redacted("jdbc:postgresql://db/postgres?password=x") // jdbc:postgresql://db/postgres?password=****
     * }</pre>
     */
    public static String redacted(String jdbcUrl) {
        return JdbcUrl.masked(jdbcUrl);
    }
}
