package dev.approuting.testkit.postgres.internal;

import dev.approuting.testkit.postgres.PostgresProvider;
import dev.approuting.testkit.postgres.PostgresServer;
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
            throw new IllegalStateException(
                    "the Testcontainers PostgreSQL provider needs org.testcontainers:testcontainers-postgresql"
                            + " on the test classpath: add it as a test dependency, or use the embedded provider",
                    e);
        }
        if (!DockerClientFactory.instance().isDockerAvailable()) {
            throw new IllegalStateException(
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
        String host = container.getHost();
        int port = container.getMappedPort(5432);
        return new StartedServer(
                host,
                port,
                container.getUsername(),
                container.getPassword(),
                container.getDatabaseName(),
                false,
                "PostgreSQL container " + image + " on " + host + ":" + port,
                container::stop);
    }
}
