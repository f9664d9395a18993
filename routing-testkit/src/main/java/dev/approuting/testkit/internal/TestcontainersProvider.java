package dev.approuting.testkit.internal;

import dev.approuting.core.DbCredentials;
import dev.approuting.core.ErrorCode;
import dev.approuting.core.RoutingException;
import dev.approuting.testkit.PostgresProvider;
import dev.approuting.testkit.PostgresServer;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

/** PostgreSQL in a container; Testcontainers classes are touched only when this provider starts. */
public final class TestcontainersProvider implements PostgresProvider {
    private final String image;

    public TestcontainersProvider(String image) {
        this.image = image;
    }

    @Override
    public String id() {
        return "testcontainers:" + image;
    }

    @Override
    public PostgresServer start() {
        try {
            Class.forName("org.testcontainers.postgresql.PostgreSQLContainer");
        } catch (ClassNotFoundException e) {
            throw RoutingException.of(
                    ErrorCode.INVALID_CONFIGURATION,
                    "the Testcontainers PostgreSQL provider needs org.testcontainers:testcontainers-postgresql"
                            + " on the test classpath: add it as a test dependency, or use the embedded provider");
        }
        if (!DockerClientFactory.instance().isDockerAvailable()) {
            throw RoutingException.of(
                    ErrorCode.DATABASE_UNAVAILABLE,
                    "the Testcontainers PostgreSQL provider needs Docker, which is not available: start Docker,"
                            + " use the embedded provider (the default), or skip such classes with"
                            + " @Testcontainers(disabledWithoutDocker = true)");
        }
        PostgreSQLContainer container = new PostgreSQLContainer(
                        DockerImageName.parse(image).asCompatibleSubstituteFor("postgres"))
                .withCommand(
                        "postgres",
                        "-c",
                        "fsync=off",
                        "-c",
                        "synchronous_commit=off",
                        "-c",
                        "full_page_writes=off",
                        "-c",
                        "max_connections=300");
        container.start();
        DbCredentials admin = DbCredentials.of(
                container.getHost(),
                container.getMappedPort(5432),
                container.getDatabaseName(),
                container.getUsername(),
                container.getPassword());
        return new Server(admin, false, "PostgreSQL container " + image + " on " + admin.server(), container::stop);
    }
}
