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
 * opens a JDBC connection ({@link #connect}).
 */
public final class StartedServer implements PostgresServer {
    private final String host;
    private final int port;
    private final String user;
    private final String password;
    private final String adminDatabase;
    private final boolean keepsData;
    private final String description;
    private final AutoCloseable stop;
    private final @Nullable Function<PostgresServer, PostgresStandby> standbys;

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

    /** A server that can start standbys of itself through {@code standbys} (given this server). */
    public StartedServer(
            String host,
            int port,
            String user,
            String password,
            String adminDatabase,
            boolean keepsData,
            String description,
            AutoCloseable stop,
            @Nullable Function<PostgresServer, PostgresStandby> standbys) {
        this.host = host;
        this.port = port;
        this.user = user;
        this.password = password;
        this.adminDatabase = adminDatabase;
        this.keepsData = keepsData;
        this.description = description;
        this.stop = stop;
        this.standbys = standbys;
    }

    @Override
    public String host() {
        return host;
    }

    @Override
    public int port() {
        return port;
    }

    @Override
    public String user() {
        return user;
    }

    @Override
    public String password() {
        return password;
    }

    @Override
    public String adminDatabase() {
        return adminDatabase;
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
    public boolean keepsData() {
        return keepsData;
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
