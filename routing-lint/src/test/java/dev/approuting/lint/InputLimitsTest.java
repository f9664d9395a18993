package dev.approuting.lint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.approuting.core.ErrorCode;
import dev.approuting.core.RoutingException;
import dev.approuting.lint.internal.MigrationFiles;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the linter refuses instead of crashing: a NUL character, and files too large for bounded memory.
 * The linter's memory is bounded: a file over {@link MigrationFiles#MAX_BYTES} is refused before it is
 * read, with a message naming the file and the limit, and a file at the limit made of the densest tokens
 * lints in a JVM of 256 MB heap.
 */
class InputLimitsTest {
    @TempDir
    Path dir;

    @Test
    void aNulCharacterIsAnErrorNamingTheFileLineAndColumnNotPassedOn() throws IOException {
        Path file = dir.resolve("V1__nul.sql");
        Files.writeString(file, "CREATE TABLE t (id int);\nINSERT INTO t VALUES (1);\u0000\n", StandardCharsets.UTF_8);

        assertThatThrownBy(() -> MigrationLinter.configure().load().lint(file))
                .isInstanceOf(RoutingException.class)
                .hasMessageContaining(file + ":2:26")
                .hasMessageContaining("remove it")
                .hasMessageContaining("NUL character")
                .satisfies(e -> assertThat(((RoutingException) e).code()).isEqualTo(ErrorCode.MIGRATION_FAILED));
        assertThatThrownBy(() -> MigrationLinter.configure().load().lintScript("V2.sql", "SELECT '\u0000';"))
                .hasMessageContaining("V2.sql:1:9")
                .hasMessageContaining("NUL character");
    }

    @Test
    void aFiftyMegabyteFileIsRefusedUpFrontNamingTheFileAndTheLimit() throws IOException {
        Path big = dir.resolve("V2__seed.sql");
        try (RandomAccessFile f = new RandomAccessFile(big.toFile(), "rw")) {
            f.setLength(50L * 1024 * 1024);
        }

        assertThatThrownBy(() -> MigrationLinter.configure().load().lint(big))
                .isInstanceOf(RoutingException.class)
                .hasMessageContaining(big.toString())
                .hasMessageContaining("52428800 bytes")
                .hasMessageContaining("limit of 1048576 bytes")
                .hasMessageContaining("exclude-paths")
                .satisfies(e -> assertThat(((RoutingException) e).code()).isEqualTo(ErrorCode.MIGRATION_FAILED));
        assertThatThrownBy(() -> MigrationLinter.configure()
                        .load()
                        .lintScript("V3__big.sql", "SELECT 1;".repeat(MigrationFiles.MAX_BYTES / 9 + 1)))
                .hasMessageContaining("V3__big.sql")
                .hasMessageContaining("limit of 1048576 bytes");
    }

    @Test
    void aFileAtTheLimitOfTheDensestTokensLintsInA256MegabyteHeap() throws Exception {
        Path file = dir.resolve("V1__dense.sql");
        StringBuilder sql = new StringBuilder("INSERT INTO t VALUES (");
        while (sql.length() < MigrationFiles.MAX_BYTES - 10) {
            sql.append("1,");
        }
        sql.append("1);\n");
        Files.writeString(file, sql, StandardCharsets.UTF_8);
        assertThat(Files.size(file)).isLessThanOrEqualTo(MigrationFiles.MAX_BYTES);

        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(List.of(
                        java.toString(),
                        "-Xmx256m",
                        "-cp",
                        System.getProperty("java.class.path"),
                        LintOneFile.class.getName(),
                        file.toString()))
                .redirectErrorStream(true)
                .start();
        boolean done = process.waitFor(120, TimeUnit.SECONDS);
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!done) {
            process.destroyForcibly();
        }
        assertThat(done)
                .as("the forked lint ended within 120 s; it printed:\n" + output)
                .isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output).contains("linted 1 file");
    }

    /** Lints one file and says so: the forked JVM's main class. */
    static final class LintOneFile {
        private LintOneFile() {}

        public static void main(String[] args) {
            LintReport report = MigrationLinter.configure().load().lint(Path.of(args[0]));
            System.out.println("linted " + report.files().size() + " file");
        }
    }
}
