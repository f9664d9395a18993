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
import java.util.concurrent.TimeUnit;
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
            Template template = run.template(NOTES, APPS, migratorOver(scripts));
            first = template.name();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (template.readyCount() == 0 && System.nanoTime() - deadline < 0) {
                Thread.sleep(10);
            }
            assertThat(template.readyCount())
                    .as("a clone made ahead within 60 s")
                    .isPositive();
        }
        assertThat(kept.resolve("PG_VERSION")).exists();
        try (TestRuntime next = TestRuntime.startKeeping(PostgresProvider.embedded(), Map.of(), Map.of(), work)) {
            assertThat(next.keptDirectory()).contains(kept);
            assertThat(next.admin().exists(first))
                    .as("the template of the run before")
                    .isTrue();
            List<String> spares = next.admin().databasesStartingWith("approuting_s_");
            assertThat(spares)
                    .as("the unused clones of the run before, kept as spares")
                    .isNotEmpty();
            Template again = next.template(NOTES, APPS, migratorOver(scripts));
            assertThat(again.name()).isEqualTo(first);
            assertThat(next.admin().databasesStartingWith("approuting_s_"))
                    .as("spares adopted as this run's clones")
                    .hasSizeLessThan(spares.size());
            Template.Clone clone = again.take();
            assertThat(clone.name()).startsWith("approuting_c_");
            again.release(clone);

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
