package dev.approuting.flyway.internal.provision;

import dev.approuting.core.DbCredentials;
import dev.approuting.core.ErrorCode;
import dev.approuting.core.RoutingException;
import dev.approuting.core.support.ConnectOptions;
import dev.approuting.core.support.Connections;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * Opens admin connections to any database of one server, from the admin JDBC URL; the URL's own driver
 * parameters (such as {@code sslmode}) are kept.
 */
public final class AdminConnections {
    private final DbCredentials admin;
    private final ConnectOptions options;

    private AdminConnections(DbCredentials admin, ConnectOptions options) {
        this.admin = admin;
        this.options = options;
    }

    /**
     * Checks the URL and remembers the login.
     *
     * @throws RoutingException with {@link ErrorCode#INVALID_CONFIGURATION} when the URL is not a
     *     PostgreSQL JDBC URL (the message masks a password in it)
     */
    public static AdminConnections of(String url, String user, String password) {
        return new AdminConnections(
                DbCredentials.fromJdbcUrl(url, user, password),
                ConnectOptions.of("approuting init-db").withDriverProperties(Connections.urlParameters(url)));
    }

    /** Remembers the login of {@code admin}, its TLS settings included; connects to its database by default. */
    public static AdminConnections of(DbCredentials admin) {
        return new AdminConnections(admin, ConnectOptions.of("approuting init-db"));
    }

    /** Returns the first host of the admin URL. */
    public String host() {
        return admin.host();
    }

    /** Returns the first port of the admin URL. */
    public int port() {
        return admin.port();
    }

    /** Returns the admin user. */
    public String user() {
        return admin.user();
    }

    /** Opens a connection to the URL's own database (the maintenance database). */
    Connection openDefault() throws SQLException {
        return Connections.open(admin, options);
    }

    /** Opens a connection to {@code database} on the same server. */
    Connection open(String database) throws SQLException {
        return Connections.open(admin.withDbname(database), options);
    }
}
