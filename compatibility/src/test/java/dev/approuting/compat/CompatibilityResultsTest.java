package dev.approuting.compat;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompatibilityResultsTest {
    @TempDir
    Path dir;

    @Test
    void writesSortedKeysWithoutADateSoAnUnchangedResultIsAnUnchangedFile() throws IOException {
        CompatibilityResults results = new CompatibilityResults(dir, 16);
        results.difference("zeta", "last: a=b");
        results.set("server.version", "16.15");
        results.check("migrate-all", true);

        results.write();
        String first = Files.readString(dir.resolve("postgresql-16.properties"), StandardCharsets.ISO_8859_1);
        results.write();

        assertThat(first)
                .isEqualTo(String.join(
                        "\n",
                        "check.migrate-all=passed",
                        "difference.zeta=last\\: a\\=b",
                        "java.version=" + Runtime.version().feature(),
                        "server.version=16.15",
                        ""));
        assertThat(Files.readString(results.file(), StandardCharsets.ISO_8859_1))
                .isEqualTo(first);
    }

    @Test
    void oneFailingClassFailsTheCheckWhateverComesAfter() {
        CompatibilityResults results = new CompatibilityResults(dir, 13);
        results.check("template-clone", true);
        results.check("template-clone", false);
        results.check("template-clone", true);

        assertThat(results.get("check.template-clone")).isEqualTo(CompatibilityResults.FAILED);
    }
}
