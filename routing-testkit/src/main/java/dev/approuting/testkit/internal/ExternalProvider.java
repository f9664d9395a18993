package dev.approuting.testkit.internal;

import dev.approuting.core.DbCredentials;
import dev.approuting.core.ErrorCode;
import dev.approuting.core.RoutingException;
import dev.approuting.testkit.PostgresProvider;
import dev.approuting.testkit.PostgresServer;
import java.net.URI;

/** A PostgreSQL server that runs already, given by a JDBC URL. */
public final class ExternalProvider implements PostgresProvider {
    private final DbCredentials admin;

    public ExternalProvider(String jdbcUrl, String user, String password) {
        this.admin = parse(jdbcUrl, user, password);
    }

    static DbCredentials parse(String jdbcUrl, String user, String password) {
        String prefix = "jdbc:postgresql://";
        if (!jdbcUrl.startsWith(prefix)) {
            throw RoutingException.of(
                    ErrorCode.INVALID_CONFIGURATION,
                    "external PostgreSQL URL '" + jdbcUrl + "' is not a PostgreSQL JDBC URL:"
                            + " write jdbc:postgresql://host:5432/postgres");
        }
        URI uri = URI.create("postgresql://" + jdbcUrl.substring(prefix.length()));
        String path = uri.getPath() == null ? "" : uri.getPath().replaceFirst("^/", "");
        String host = uri.getHost() == null ? "localhost" : uri.getHost();
        return DbCredentials.of(
                host, uri.getPort() < 0 ? 5432 : uri.getPort(), path.isEmpty() ? "postgres" : path, user, password);
    }

    @Override
    public String id() {
        return "external";
    }

    @Override
    public PostgresServer start() {
        return new Server(admin, true, "external PostgreSQL on " + admin.server(), () -> {});
    }
}
