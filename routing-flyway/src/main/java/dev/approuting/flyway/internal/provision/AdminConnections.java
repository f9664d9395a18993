package dev.approuting.flyway.internal.provision;

import dev.approuting.core.ErrorCode;
import dev.approuting.core.RoutingException;
import java.sql.Connection;
import java.sql.SQLException;
import org.jspecify.annotations.Nullable;
import org.postgresql.ds.PGSimpleDataSource;

/** Opens admin connections to any database of one server, from the admin JDBC URL. */
public final class AdminConnections {
    private static final int DEFAULT_PORT = 5432;

    private final String url;
    private final String user;
    private final String password;
    private final String host;
    private final int port;

    private AdminConnections(String url, String user, String password, String host, int port) {
        this.url = url;
        this.user = user;
        this.password = password;
        this.host = host;
        this.port = port;
    }

    /**
     * Checks the URL and remembers the login.
     *
     * @throws RoutingException with {@link ErrorCode#INVALID_CONFIGURATION} when the URL is not a
     *     PostgreSQL JDBC URL
     */
    public static AdminConnections of(String url, String user, String password) {
        if (!url.startsWith("jdbc:postgresql:")) {
            throw badUrl(url, null);
        }
        PGSimpleDataSource probe = new PGSimpleDataSource();
        try {
            probe.setUrl(url);
        } catch (IllegalArgumentException e) {
            throw badUrl(url, e);
        }
        String[] hosts = probe.getServerNames();
        int[] ports = probe.getPortNumbers();
        String host = hosts.length == 0 || hosts[0].isEmpty() ? "localhost" : hosts[0];
        int port = ports.length == 0 || ports[0] == 0 ? DEFAULT_PORT : ports[0];
        return new AdminConnections(url, user, password, host, port);
    }

    /** Returns the first host of the admin URL. */
    public String host() {
        return host;
    }

    /** Returns the first port of the admin URL. */
    public int port() {
        return port;
    }

    /** Returns the admin user. */
    public String user() {
        return user;
    }

    /** Opens a connection to the URL's own database (the maintenance database). */
    Connection openDefault() throws SQLException {
        return dataSource(null).getConnection();
    }

    /** Opens a connection to {@code database} on the same server. */
    Connection open(String database) throws SQLException {
        return dataSource(database).getConnection();
    }

    private PGSimpleDataSource dataSource(@Nullable String database) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setUrl(url);
        ds.setUser(user);
        ds.setPassword(password);
        if (database != null) {
            ds.setDatabaseName(database);
        }
        ds.setApplicationName("approuting init-db");
        return ds;
    }

    private static RoutingException badUrl(String url, @Nullable Throwable cause) {
        return new RoutingException(
                ErrorCode.INVALID_CONFIGURATION,
                "admin URL '" + url.replaceAll("password=[^&]*", "password=****")
                        + "' is not a PostgreSQL JDBC URL: use jdbc:postgresql://host:5432/postgres",
                null,
                null,
                null,
                cause);
    }
}
