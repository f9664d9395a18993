package dev.approuting.testkit.postgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One PostgreSQL server for a test class: started before its first test, stopped after its last. Register
 * it on a static field and use it as the {@link PostgresServer} it stands for:
 *
 * <pre>{@code
 * @RegisterExtension
 * static final PostgresExtension pg = PostgresExtension.embedded();
 *
 * @Test
 * void createsADatabase() {
 *     pg.execute("postgres", "CREATE DATABASE shop");
 *     ... DriverManager.getConnection(pg.jdbcUrl("shop"), pg.user(), pg.password()) ...
 * }
 * }</pre>
 *
 * <p>{@link #restartable(EmbeddedPostgresProvider)} keeps the data directory and port across
 * {@link #stop()} and {@link #start()}, for tests of what happens while a server is down.
 */
public final class PostgresExtension implements PostgresServer, BeforeAllCallback, AfterAllCallback {
    private final PostgresProvider provider;
    private final boolean restartable;
    private @Nullable PostgresProvider effective;
    private @Nullable Path dataDirectory;
    private int fixedPort;
    private volatile @Nullable PostgresServer server;

    private PostgresExtension(PostgresProvider provider, boolean restartable) {
        this.provider = provider;
        this.restartable = restartable;
    }

    /** Returns an extension over an embedded server with the defaults (every local login trusted). */
    public static PostgresExtension embedded() {
        return new PostgresExtension(PostgresProvider.embedded(), false);
    }

    /** Returns an extension over the server {@code provider} starts. */
    public static PostgresExtension of(PostgresProvider provider) {
        return new PostgresExtension(provider, false);
    }

    /**
     * Returns an extension over an embedded server that keeps its data in a directory of its own and
     * listens on one port, so {@link #stop()} and {@link #start()} restart the same server. The directory
     * is deleted after the class.
     */
    public static PostgresExtension restartable(EmbeddedPostgresProvider provider) {
        return new PostgresExtension(provider, true);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        stop();
        Path dir = dataDirectory;
        if (dir != null) {
            delete(dir);
            dataDirectory = null;
        }
    }

    /** Starts the server, unless it runs; returns it. */
    public synchronized PostgresServer start() {
        PostgresServer running = server;
        if (running != null) {
            return running;
        }
        PostgresServer started = effective().start();
        server = started;
        return started;
    }

    /** Stops the server; a restartable one keeps its data for the next {@link #start()}. */
    public synchronized void stop() {
        PostgresServer running = server;
        server = null;
        if (running != null) {
            running.close();
        }
    }

    /**
     * Returns the running server.
     *
     * @throws IllegalStateException when it is not running: not registered on a static field, or stopped
     */
    public PostgresServer server() {
        PostgresServer running = server;
        if (running == null) {
            throw new IllegalStateException("the PostgreSQL server of this PostgresExtension is not running:"
                    + " register it on a static field (@RegisterExtension static final PostgresExtension pg = ...),"
                    + " and call start() after stop()");
        }
        return running;
    }

    private PostgresProvider effective() {
        PostgresProvider chosen = effective;
        if (chosen == null) {
            chosen = provider;
            if (restartable && provider instanceof EmbeddedPostgresProvider embedded) {
                try {
                    Path dir = Files.createTempDirectory("approuting-pg-");
                    dataDirectory = dir;
                    fixedPort = freePort();
                    chosen = embedded.withDataDirectory(dir).withPort(fixedPort);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            effective = chosen;
        }
        return chosen;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void delete(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the test server's data directory " + dir, e);
        }
    }

    @Override
    public String host() {
        return server().host();
    }

    /** Returns the port; a restartable server keeps it, so it is known while the server is stopped. */
    @Override
    public int port() {
        PostgresServer running = server;
        return running == null && fixedPort != 0 ? fixedPort : server().port();
    }

    @Override
    public String user() {
        return server().user();
    }

    @Override
    public String password() {
        return server().password();
    }

    @Override
    public String adminDatabase() {
        return server().adminDatabase();
    }

    @Override
    public Connection connect(String database) throws SQLException {
        return server().connect(database);
    }

    @Override
    public boolean keepsData() {
        return server().keepsData();
    }

    @Override
    public String describe() {
        PostgresServer running = server;
        return running == null ? "PostgreSQL (" + provider.id() + ", stopped)" : running.describe();
    }

    /** Stops the server; the same as {@link #stop()}. */
    @Override
    public void close() {
        stop();
    }

    @Override
    public String toString() {
        return describe();
    }
}
