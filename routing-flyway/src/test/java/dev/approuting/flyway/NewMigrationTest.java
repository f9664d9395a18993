package dev.approuting.flyway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.approuting.core.AppName;
import dev.approuting.core.RoutingException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NewMigrationTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-26T14:30:05Z"), ZoneOffset.UTC);

    @TempDir
    Path root;

    @Test
    void writesATimestampVersionedFileInTheAppsFolder() throws IOException {
        Path file = NewMigration.configure(root, AppName.of("workflow"))
                .description("Add index on state!")
                .clock(CLOCK)
                .write();

        assertThat(file).isEqualTo(root.resolve("workflow/V20260126143005__add_index_on_state.sql"));
        assertThat(Files.readString(file)).startsWith("-- Add index on state!");
    }

    @Test
    void staysAboveEveryVersionInTheFolderEvenWithinTheSameSecond() throws IOException {
        Files.createDirectories(root.resolve("workflow"));
        Files.writeString(root.resolve("workflow/V20260126143005__first.sql"), "");
        Files.writeString(root.resolve("workflow/V20270101000000__from_the_future.sql"), "");

        Path file = NewMigration.configure(root, AppName.of("workflow"))
                .description("second")
                .clock(CLOCK)
                .write();

        assertThat(file.getFileName()).hasToString("V20270101000001__second.sql");
    }

    @Test
    void rejectsADescriptionWithoutWords() {
        assertThatThrownBy(() -> NewMigration.configure(root, AppName.of("workflow"))
                        .description("!!!")
                        .write())
                .isInstanceOf(RoutingException.class)
                .hasMessageContaining("app 'workflow'");
    }
}
