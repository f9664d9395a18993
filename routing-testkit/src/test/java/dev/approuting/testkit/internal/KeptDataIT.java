package dev.approuting.testkit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.approuting.core.AppName;
import dev.approuting.core.DbName;
import dev.approuting.flyway.MigrationConfig;
import dev.approuting.testkit.postgres.PostgresProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The data directory kept between runs by default: reused by the next run, rebuilt templates on change, off in CI. */
class KeptDataIT {
    private static final DbName NOTES = DbName.of("notes");
    private static final List<AppName> APPS = AppName.listOf("notes");

    private static SchemaMigrator migratorOver(Path dir) {
        return new FlywaySchemaMigrator(
                MigrationConfig.builder()
                        .app("notes", s -> s.locations("filesystem:" + dir))
                        .build(),
                false);
    }

    @Test
    void theNextRunFindsItsTemplates_andBuildsNewOnesWhenMigrationsChange(@TempDir Path work, @TempDir Path scripts)
            throws Exception {
        Files.createDirectories(work.resolve("target"));
        Path script = scripts.resolve("V1__note.sql");
        Files.writeString(script, "CREATE TABLE note (id bigint PRIMARY KEY);\n");
        String first;
        Path kept;
        try (TestRuntime run = TestRuntime.startKeeping(PostgresProvider.embedded(), Map.of(), Map.of(), work)) {
            kept = run.keptDirectory().orElseThrow();
            assertThat(kept).startsWith(work.resolve("target"));
            first = run.template(NOTES, APPS, migratorOver(scripts)).name();
        }
        assertThat(kept.resolve("PG_VERSION")).exists();
        try (TestRuntime next = TestRuntime.startKeeping(PostgresProvider.embedded(), Map.of(), Map.of(), work)) {
            assertThat(next.keptDirectory()).contains(kept);
            assertThat(next.admin().exists(first))
                    .as("the template of the run before")
                    .isTrue();
            assertThat(next.template(NOTES, APPS, migratorOver(scripts)).name()).isEqualTo(first);

            Files.writeString(script, "CREATE TABLE note (id bigint PRIMARY KEY, body text);\n");
            String changed = next.template(NOTES, APPS, migratorOver(scripts)).name();
            assertThat(changed).isNotEqualTo(first);
            assertThat(next.admin().exists(changed)).isTrue();
        }
    }

    @Test
    void inCiNothingIsKept(@TempDir Path work) {
        try (TestRuntime run =
                TestRuntime.startKeeping(PostgresProvider.embedded(), Map.of(), Map.of("CI", "true"), work)) {
            assertThat(run.keptDirectory()).isEmpty();
            assertThat(run.server().keepsData()).isFalse();
        }
    }
}
