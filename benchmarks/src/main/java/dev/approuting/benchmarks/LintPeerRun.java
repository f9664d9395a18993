package dev.approuting.benchmarks;

import static dev.approuting.benchmarks.ResultTable.number;

import dev.approuting.core.DbCredentials;
import dev.approuting.lint.LintReport;
import dev.approuting.lint.LintRule;
import dev.approuting.lint.MigrationLinter;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * {@code routing lint} as a user runs it, a whole process per run, next to its peer squawk on the same
 * files; the AppCDS archive of {@code routing.jar}; and the traced lint timed per file and per statement.
 *
 * <p>{@code routing.jar} is found through {@value #JAR_PROPERTY}, else in {@code
 * routing-cli/target/} of the working directory or of the checkout this jar was built in. squawk is
 * {@value #SQUAWK_PROPERTY}, else {@code squawk-cli@}{@value #SQUAWK_VERSION} installed with npm into
 * {@code ~/.cache/approuting-bench/squawk} when missing; without npm, or when the install fails, its
 * rows say so and the run goes on.
 */
final class LintPeerRun {
    static final String JAR_PROPERTY = "approuting.bench.routingJar";
    static final String SQUAWK_PROPERTY = "approuting.bench.squawk";
    static final String SQUAWK_VERSION = "2.66.0";
    /** Rule names squawk 2.66.0's {@code --exclude} accepts (its documented rules, checked one by one). */
    static final int SQUAWK_RULES = 33;

    static final int TRACED_FILES = 100;
    static final int TRACED_FILES_QUICK = 30;

    /** The flags of {@code bin/routing}, the launcher of the distribution. */
    private static final List<String> LAUNCHER_FLAGS =
            List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xshare:auto");

    private LintPeerRun() {}

    static List<Row> run(BenchServer server, Profile profile, Consumer<String> progress) {
        List<Row> rows = new ArrayList<>();
        int runs = Math.max(3, profile.coldStarts());
        Optional<Path> jar = routingJar();
        Squawk squawk = squawk(progress);
        Path history = LintHistory.write(LintBenchmark.FILES);
        Path scratch = null;
        try {
            Path one = history.resolve("V1__step.sql");
            String rules = "routing lint " + LintRule.values().length + " rules, squawk " + SQUAWK_RULES;
            if (jar.isEmpty()) {
                rows.add(Row.reported(
                        "`routing lint`, whole process",
                        "skipped: no routing.jar (build routing-cli, or set -D" + JAR_PROPERTY + ")"));
            } else {
                scratch = Files.createTempDirectory("routing-cds");
                Path archive = scratch.resolve("routing.jsa");
                progress.accept("lint: routing.jar, AppCDS archive (a training run of one file)");
                List<String> plain = java(jar.get(), List.of());
                List<String> cds = java(jar.get(), List.of("-XX:SharedArchiveFile=" + archive, "-Xlog:cds=off"));
                time(
                        java(jar.get(), List.of("-XX:ArchiveClassesAtExit=" + archive, "-Xlog:cds=off")),
                        List.of("lint", one.toString()));
                boolean archived = Files.isRegularFile(archive);
                List<String> user = archived ? cds : plain;
                progress.accept("lint: routing lint and squawk, whole process, " + runs + " runs each");
                double routingAll = median(user, List.of("lint", history.toString()), runs);
                double routingOne = median(user, List.of("lint", one.toString()), runs);
                String how = archived ? "launcher flags + AppCDS archive" : "launcher flags, no AppCDS archive";
                String squawkBin = squawk.command();
                if (squawkBin != null) {
                    List<String> squawkCommand = List.of(squawkBin);
                    List<String> allFiles = new ArrayList<>();
                    for (int i = 1; i <= LintBenchmark.FILES; i++) {
                        allFiles.add(history.resolve("V" + i + "__step.sql").toString());
                    }
                    double squawkAll = median(squawkCommand, allFiles, runs);
                    double squawkOne = median(squawkCommand, List.of(one.toString()), runs);
                    rows.add(new Row(
                            "`routing lint`, " + LintBenchmark.FILES + "-file history, whole process (" + how + "; "
                                    + rules + ")",
                            "p50 " + number(routingAll, 0) + " ms",
                            "squawk " + SQUAWK_VERSION + ": p50 " + number(squawkAll, 0) + " ms",
                            number(routingAll / squawkAll, 2) + "×",
                            "≤ squawk's",
                            Row.Verdict.of(routingAll <= squawkAll)));
                    rows.add(new Row(
                            "`routing lint`, one file, whole process (" + how + ")",
                            "p50 " + number(routingOne, 0) + " ms",
                            "squawk " + SQUAWK_VERSION + ": p50 " + number(squawkOne, 0) + " ms",
                            number(routingOne / squawkOne, 1) + "×",
                            "≤ 200 ms",
                            Row.Verdict.of(routingOne <= 200)));
                } else {
                    rows.add(new Row(
                            "`routing lint`, " + LintBenchmark.FILES + "-file history, whole process (" + how + ")",
                            "p50 " + number(routingAll, 0) + " ms",
                            "squawk skipped: " + squawk.note(),
                            "–",
                            "≤ squawk's",
                            Row.Verdict.REPORTED));
                    rows.add(new Row(
                            "`routing lint`, one file, whole process (" + how + ")",
                            "p50 " + number(routingOne, 0) + " ms",
                            "squawk skipped",
                            "–",
                            "≤ 200 ms",
                            Row.Verdict.of(routingOne <= 200)));
                }
                if (archived) {
                    progress.accept("lint: routing.jar with and without its AppCDS archive");
                    double oneCds = routingOne; // the user's run above
                    double onePlain = median(plain, List.of("lint", one.toString()), runs);
                    rows.add(new Row(
                            "`routing lint` one file, whole process, with the AppCDS archive of routing.jar ("
                                    + number(Files.size(archive) / 1048576.0, 0) + " MiB)",
                            "p50 " + number(oneCds, 0) + " ms",
                            "without: p50 " + number(onePlain, 0) + " ms",
                            number(onePlain / oneCds, 2) + "× faster",
                            "–",
                            Row.Verdict.REPORTED));
                    if (!Profile.QUICK.equals(profile)) { // --quick keeps within its time budget
                        double helpCds = median(cds, List.of("--help"), runs);
                        double helpPlain = median(plain, List.of("--help"), runs);
                        rows.add(new Row(
                                "`routing --help`, whole process, with the AppCDS archive",
                                "p50 " + number(helpCds, 0) + " ms",
                                "without: p50 " + number(helpPlain, 0) + " ms",
                                number(helpPlain / helpCds, 2) + "× faster",
                                "–",
                                Row.Verdict.REPORTED));
                    }
                } else {
                    rows.add(Row.reported("AppCDS archive of routing.jar", "not written by this JVM"));
                }
            }
            progress.accept("lint: traced lint on the run's server");
            rows.add(traced(server, profile));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            LintHistory.delete(history);
            if (scratch != null) {
                deleteTree(scratch);
            }
        }
        return rows;
    }

    /** squawk's command, or why there is none. */
    private record Squawk(@Nullable String command, String note) {}

    /** The traced lint (a scratch database on the run's server) against static lint of the same files. */
    private static Row traced(BenchServer server, Profile profile) {
        boolean quick = Profile.QUICK.equals(profile);
        int count = quick ? TRACED_FILES_QUICK : TRACED_FILES;
        Path dir = LintHistory.writeTraceable(count);
        try {
            DbCredentials admin = server.credentials("postgres");
            MigrationLinter staticLinter = MigrationLinter.configure().load();
            MigrationLinter tracedLinter =
                    MigrationLinter.configure().trace(admin).load();
            if (!quick) {
                tracedLinter.lint(dir); // warm-up, as the static lint's JMH fork has one
            }
            staticLinter.lint(dir);
            List<Double> tracedMs = new ArrayList<>();
            List<Double> staticMs = new ArrayList<>();
            int statements = 0;
            for (int i = 0; i < profile.rounds(); i++) {
                long start = System.nanoTime();
                LintReport report = tracedLinter.lint(dir);
                tracedMs.add(Stats.millisSince(start));
                statements = report.statements();
                if (report.tracedOn() == null) {
                    throw new IllegalStateException("the traced lint did not trace: " + report.findings());
                }
                start = System.nanoTime();
                staticLinter.lint(dir);
                staticMs.add(Stats.millisSince(start));
            }
            double t = Stats.median(tracedMs);
            double s = Stats.median(staticMs);
            int files = count + 1;
            return new Row(
                    "lint traced (a scratch database and a throw-away role on the run's server), " + files + " files, "
                            + statements + " statements",
                    number(t, 0) + " ms: " + number(t / files, 2) + " ms per file, " + number(t / statements, 2)
                            + " ms per statement",
                    "static on the same files: " + number(s, 1) + " ms (" + number(s / files, 3) + " ms per file)",
                    number(t / s, 0) + "× static",
                    "timed",
                    Row.Verdict.REPORTED);
        } finally {
            LintHistory.delete(dir);
        }
    }

    private static List<String> java(Path jar, List<String> extra) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(LAUNCHER_FLAGS);
        command.addAll(extra);
        command.add("-jar");
        command.add(jar.toString());
        return command;
    }

    /** The median wall time of {@code runs} runs, after one untimed run (the file cache warm). */
    private static double median(List<String> command, List<String> args, int runs) {
        time(command, args);
        List<Double> ms = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            ms.add(time(command, args));
        }
        return Stats.median(ms);
    }

    private static double time(List<String> command, List<String> args) {
        List<String> full = new ArrayList<>(command);
        full.addAll(args);
        File log;
        try {
            log = File.createTempFile("lint-run", ".log");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            long start = System.nanoTime();
            Process process = new ProcessBuilder(full)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(log)
                    .start();
            if (!process.waitFor(2, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", full) + " did not finish within 2 minutes");
            }
            double ms = Stats.millisSince(start);
            // 0: clean, 1: findings (both linters); anything else is a failure to run
            if (process.exitValue() > 1) {
                throw new IllegalStateException(String.join(" ", full.subList(0, Math.min(full.size(), 8)))
                        + "… exited with " + process.exitValue() + ": "
                        + Files.readString(log.toPath(), StandardCharsets.UTF_8));
            }
            return ms;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + full.get(0), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } finally {
            if (!log.delete()) {
                log.deleteOnExit();
            }
        }
    }

    static Optional<Path> routingJar() {
        String property = System.getProperty(JAR_PROPERTY);
        if (property != null) {
            return Optional.of(Path.of(property)).filter(Files::isRegularFile);
        }
        List<Path> candidates = new ArrayList<>();
        candidates.add(Path.of("routing-cli", "target", "routing.jar"));
        try {
            Path self = Path.of(LintPeerRun.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI());
            // benchmarks/target/benchmarks.jar (or benchmarks/target/classes) → the checkout
            Path checkout = self.toAbsolutePath().getParent();
            for (int i = 0; i < 2 && checkout != null; i++) {
                checkout = checkout.getParent();
            }
            if (checkout != null) {
                candidates.add(checkout.resolve("routing-cli/target/routing.jar"));
            }
        } catch (URISyntaxException | SecurityException e) {
            return candidates.stream().filter(Files::isRegularFile).findFirst(); // the working directory only
        }
        return candidates.stream().filter(Files::isRegularFile).findFirst();
    }

    /** squawk's command, installing it with npm into the user's cache when missing. */
    private static Squawk squawk(Consumer<String> progress) {
        String property = System.getProperty(SQUAWK_PROPERTY);
        if (property != null) {
            return new Squawk(property, "-D" + SQUAWK_PROPERTY);
        }
        Path dir = Path.of(System.getProperty("user.home"), ".cache", "approuting-bench", "squawk");
        Path bin = dir.resolve("node_modules/.bin/squawk");
        String problem = "npm installed no " + bin;
        if (!Files.isExecutable(bin)) {
            progress.accept("lint: installing squawk-cli@" + SQUAWK_VERSION + " with npm into " + dir);
            try {
                Files.createDirectories(dir);
                Process npm = new ProcessBuilder(
                                "npm",
                                "install",
                                "--prefix",
                                dir.toString(),
                                "--no-audit",
                                "--no-fund",
                                "--loglevel=error",
                                "squawk-cli@" + SQUAWK_VERSION)
                        .redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                        .start();
                if (!npm.waitFor(3, TimeUnit.MINUTES)) {
                    npm.destroyForcibly();
                    problem = "npm install did not finish within 3 minutes";
                } else if (npm.exitValue() != 0) {
                    problem = "npm install squawk-cli@" + SQUAWK_VERSION + " exited with " + npm.exitValue();
                }
            } catch (IOException e) {
                problem = "no npm (" + e.getMessage() + ")";
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                problem = "interrupted";
            }
        }
        if (!Files.isExecutable(bin)) {
            progress.accept("lint: squawk skipped: " + problem);
            return new Squawk(null, problem);
        }
        return new Squawk(bin.toString(), bin.toString());
    }

    private static void deleteTree(Path dir) {
        try (var paths = Files.walk(dir)) {
            List<Path> all = new ArrayList<>(paths.toList());
            Collections.reverse(all);
            for (Path p : all) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }
}
