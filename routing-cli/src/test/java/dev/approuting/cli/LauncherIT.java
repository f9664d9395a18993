package dev.approuting.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/routing}, the distribution's launcher, run as users run it: its AppCDS archive is written
 * on the first run into the user's cache, used after, and a refused archive or a switched-off cache
 * changes nothing but the start time.
 */
class LauncherIT {
    private static final Path SCRIPT = Path.of("src/dist/bin/routing");
    private static final Path JAR = Path.of("target/routing.jar");

    @TempDir
    Path home;

    private Path launcher;
    private Path cache;

    @BeforeEach
    void layOut() throws IOException {
        assumeTrue(Files.isExecutable(Path.of("/bin/sh")), "needs /bin/sh");
        assumeTrue(Files.isRegularFile(JAR), "needs target/routing.jar (the package phase)");
        Path bin = Files.createDirectories(home.resolve("dist/bin"));
        Path lib = Files.createDirectories(home.resolve("dist/lib"));
        launcher = Files.copy(SCRIPT, bin.resolve("routing"));
        Files.createSymbolicLink(lib.resolve("routing.jar"), JAR.toAbsolutePath());
        cache = home.resolve("cache");
    }

    @Test
    void writesTheArchiveOnFirstUseAndStartsWithItAfter() throws Exception {
        Run first = run(Map.of("ROUTING_CDS_DIR", cache.toString()), "--version");
        assertThat(first.exit()).as(first.output()).isZero();
        assertThat(archives()).as("archives after the first run").hasSize(1);

        Run second = run(Map.of("ROUTING_CDS_DIR", cache.toString()), "--version");
        assertThat(second.exit()).as(second.output()).isZero();
        assertThat(second.output()).isEqualTo(first.output());
        assertThat(archives()).as("the second run reuses the archive").hasSize(1);
    }

    @Test
    void aDamagedArchiveIsIgnoredSilently() throws Exception {
        run(Map.of("ROUTING_CDS_DIR", cache.toString()), "--version");
        Path archive = archives().get(0);
        assertThat(archive.toFile().setWritable(true)).isTrue();
        Files.writeString(archive, "not an archive");

        Run run = run(Map.of("ROUTING_CDS_DIR", cache.toString()), "--version");

        assertThat(run.exit()).as(run.output()).isZero();
        assertThat(run.output())
                .startsWith("routing ")
                .doesNotContainIgnoringCase("cds")
                .doesNotContain("warning");
    }

    @Test
    void writesNothingWhenSwitchedOffOrGivenARelativeFolder() throws Exception {
        Run off = run(Map.of("ROUTING_CDS_DIR", cache.toString(), "ROUTING_CDS", "off"), "--version");
        Run relative = run(Map.of("ROUTING_CDS_DIR", "cds-here"), "--version");

        assertThat(off.exit()).as(off.output()).isZero();
        assertThat(relative.exit()).as(relative.output()).isZero();
        assertThat(cache).doesNotExist();
        assertThat(home.resolve("cds-here")).as("never the working directory").doesNotExist();
    }

    @Test
    void keepsTheExitCodeOfTheFirstRun() throws Exception {
        Run run = run(Map.of("ROUTING_CDS_DIR", cache.toString()), "no-such-command");

        assertThat(run.exit()).as(run.output()).isEqualTo(2);
    }

    private List<Path> archives() throws IOException {
        if (!Files.isDirectory(cache)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(cache)) {
            return files.toList();
        }
    }

    private Run run(Map<String, String> environment, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("/bin/sh", launcher.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder =
                new ProcessBuilder(command).directory(home.toFile()).redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.remove("ROUTING_CDS");
        env.remove("ROUTING_OPTS");
        env.put("JAVA_HOME", System.getProperty("java.home"));
        env.putAll(new HashMap<>(environment));
        Process process = builder.start();
        byte[] output = process.getInputStream().readAllBytes();
        assertThat(process.waitFor(2, TimeUnit.MINUTES))
                .as("the launcher finished")
                .isTrue();
        return new Run(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }

    private record Run(int exit, String output) {}
}
