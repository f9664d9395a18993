package dev.approuting.testkit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.approuting.core.AppName;
import dev.approuting.flyway.MigrationConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The content hash is kept per app list, and a changed file-system script is hashed again. */
class FlywaySchemaMigratorTest {
    private static final List<AppName> NOTES = AppName.listOf("notes");

    @Test
    void classPathScriptsAreHashedOncePerMigrator() {
        FlywaySchemaMigrator migrator = FlywaySchemaMigrator.defaults();
        List<AppName> apps = AppName.listOf("orders", "jobs");

        String first = migrator.contentHash(apps);

        assertThat(migrator.contentHash(apps)).isSameAs(first);
        assertThat(first).isEqualTo(MigrationConfig.defaults().contentHash(apps));
    }

    @Test
    void aFileSystemScriptThatChangesIsHashedAgain(@TempDir Path dir) throws IOException {
        FlywaySchemaMigrator migrator = new FlywaySchemaMigrator(
                MigrationConfig.builder()
                        .app("notes", s -> s.locations("filesystem:" + dir))
                        .build(),
                false);
        Path script = dir.resolve("V1__note.sql");
        Files.writeString(script, "CREATE TABLE note (id bigint PRIMARY KEY);\n");
        String first = migrator.contentHash(NOTES);
        assertThat(migrator.contentHash(NOTES)).isSameAs(first);

        Files.writeString(script, "CREATE TABLE note (id bigint PRIMARY KEY, body text);\n");
        String longer = migrator.contentHash(NOTES);
        assertThat(longer).isNotEqualTo(first);

        Files.writeString(script, "CREATE TABLE note (id bigint PRIMARY KEY, note text);\n");
        Files.setLastModifiedTime(script, FileTime.from(Instant.parse("2001-02-03T04:05:06Z")));
        String sameSize = migrator.contentHash(NOTES);
        assertThat(sameSize).isNotEqualTo(longer).isNotEqualTo(first);

        Files.writeString(dir.resolve("V2__more.sql"), "CREATE TABLE more (id bigint);\n");
        assertThat(migrator.contentHash(NOTES)).isNotEqualTo(sameSize);
    }
}
