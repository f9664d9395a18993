package dev.approuting.testkit.postgres.internal;

import dev.approuting.testkit.postgres.PostgresServer;
import dev.approuting.testkit.postgres.PostgresStandby;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.LoggerFactory;

/**
 * A started server: where it is, which login to use, and what to do on close. The one place this module
 * opens a JDBC connection ({@link #connect}). Its {@code toString} is its description, without the
 * password.
 *
 * @param description what {@link #describe()} and {@link #toString()} answer
 * @param stop what {@link #close()} runs
 * @param standbys what {@link #startStandby()} runs (given this server), or {@code null} when the server
 *     cannot start standbys of itself
 */
public record StartedServer(
        String host,
        int port,
        String user,
        String password,
        String adminDatabase,
        boolean keepsData,
        String description,
        AutoCloseable stop,
        @Nullable Function<PostgresServer, PostgresStandby> standbys)
        implements PostgresServer {

    /** A server that cannot start standbys of itself. */
    public StartedServer(
            String host,
            int port,
            String user,
            String password,
            String adminDatabase,
            boolean keepsData,
            String description,
            AutoCloseable stop) {
        this(host, port, user, password, adminDatabase, keepsData, description, stop, null);
    }

    @Override
    public Connection connect(String database) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", user);
        props.setProperty("password", password);
        props.setProperty("ApplicationName", "approuting-testkit");
        return DriverManager.getConnection(jdbcUrl(database), props);
    }

    @Override
    public String describe() {
        return description;
    }

    @Override
    public PostgresStandby startStandby() {
        Function<PostgresServer, PostgresStandby> starter = standbys;
        if (starter == null) {
            return PostgresServer.super.startStandby();
        }
        return starter.apply(this);
    }

    @Override
    public void close() {
        try {
            stop.close();
        } catch (Exception e) {
            LoggerFactory.getLogger(StartedServer.class)
                    .warn("{}: could not be stopped cleanly: {}", description, e.toString());
        }
    }

    @Override
    public String toString() {
        return description;
    }
}
