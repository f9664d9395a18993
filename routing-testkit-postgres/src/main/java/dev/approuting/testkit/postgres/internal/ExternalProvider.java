package dev.approuting.testkit.postgres.internal;

import dev.approuting.testkit.postgres.PostgresProvider;
import dev.approuting.testkit.postgres.PostgresServer;
import java.util.Properties;
import org.postgresql.Driver;

/** A PostgreSQL server that runs already, given by a JDBC URL (read by the PostgreSQL driver's parser). */
public final class ExternalProvider implements PostgresProvider {
    private final String host;
    private final int port;
    private final String database;
    private final String user;
    private final String password;

    /**
     * Reads the URL's first host and port and its database.
     *
     * @throws IllegalArgumentException when it is not a PostgreSQL JDBC URL (the message masks a password)
     */
    public ExternalProvider(String jdbcUrl, String user, String password) {
        Properties parsed = jdbcUrl.startsWith("jdbc:postgresql://") ? Driver.parseURL(jdbcUrl, null) : null;
        if (parsed == null) {
            throw new IllegalArgumentException("external PostgreSQL URL '"
                    + jdbcUrl.replaceAll("(?i)(password=)[^&;]*", "$1****")
                    + "' is not a PostgreSQL JDBC URL: write jdbc:postgresql://host:5432/postgres");
        }
        String hostName = parsed.getProperty("PGHOST", "localhost").split(",", -1)[0];
        String portNumber = parsed.getProperty("PGPORT", "5432").split(",", -1)[0];
        String dbname = parsed.getProperty("PGDBNAME", "");
        this.host = hostName.isEmpty() ? "localhost" : hostName;
        try {
            this.port = Integer.parseInt(portNumber);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "external PostgreSQL URL has a port that is no number: " + portNumber, e);
        }
        this.database = dbname.isBlank() ? "postgres" : dbname;
        this.user = user;
        this.password = password;
    }

    @Override
    public String id() {
        return "external";
    }

    @Override
    public PostgresServer start() {
        return new StartedServer(
                host, port, user, password, database, true, "external PostgreSQL on " + host + ":" + port, () -> {});
    }
}
