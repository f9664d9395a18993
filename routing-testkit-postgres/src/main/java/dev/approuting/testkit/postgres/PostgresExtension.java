package dev.approuting.testkit.postgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
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
    private int lastPort;
    private @Nullable String startedBy;
    private volatile @Nullable PostgresServer server;
    private final List<PostgresStandby> standbys = new ArrayList<>();

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

    /** Starts the server for the class that registers the extension (a {@code @Nested} class shares it). */
    @Override
    public synchronized void beforeAll(ExtensionContext context) {
        if (startedBy == null) {
            startedBy = context.getUniqueId();
        }
        start();
    }

    /** Stops the server after the class that started it; a restartable server's directory is deleted. */
    @Override
    public synchronized void afterAll(ExtensionContext context) {
        if (!context.getUniqueId().equals(startedBy)) {
            return;
        }
        startedBy = null;
        stop();
        Path dir = dataDirectory;
        if (dir != null) {
            delete(dir);
            dataDirectory = null;
            effective = null;
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
        lastPort = started.port();
        return started;
    }

    /** Stops the server and closes its standbys; a restartable one keeps its data for the next {@link #start()}. */
    public synchronized void stop() {
        standbys.forEach(PostgresStandby::close);
        standbys.clear();
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
                    // A directory or port the provider names is kept; what it leaves open is chosen here.
                    Path dir = embedded.dataDirectory();
                    if (dir == null) {
                        dir = Files.createTempDirectory("approuting-pg-");
                        dataDirectory = dir;
                    }
                    fixedPort = embedded.port() != 0 ? embedded.port() : freePort();
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

    /** Returns the port, also while the server is stopped (the port it last listened on). */
    @Override
    public int port() {
        PostgresServer running = server;
        if (running != null) {
            return running.port();
        }
        if (lastPort == 0) {
            throw new IllegalStateException("the PostgreSQL server of this PostgresExtension never ran: register it"
                    + " on a static field (@RegisterExtension static final PostgresExtension pg = ...)");
        }
        return lastPort;
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

    /** Returns false for a restartable server in a directory of its own: it is deleted after the class. */
    @Override
    public boolean keepsData() {
        return dataDirectory == null && server().keepsData();
    }

    /**
     * Starts a streaming standby of the running server (see {@link PostgresStandby}); it is closed when the
     * server stops (after the class), or earlier by its own {@link PostgresStandby#close()}.
     *
     * @throws IllegalStateException when the server is not running or is not embedded
     */
    @Override
    public synchronized PostgresStandby startStandby() {
        PostgresStandby standby = server().startStandby();
        standbys.add(standby);
        return standby;
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
