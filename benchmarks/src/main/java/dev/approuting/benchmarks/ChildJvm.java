package dev.approuting.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs a main class of this jar in a fresh JVM and returns what it printed. */
final class ChildJvm {
    private ChildJvm() {}

    /** What a child printed, and how long it ran as seen from here. */
    record Output(String stdout, String stderr, double wallMs) {
        /** Returns the rest of the first line starting with {@code prefix}. */
        String line(String prefix) {
            return stdout.lines()
                    .filter(l -> l.startsWith(prefix))
                    .map(l -> l.substring(prefix.length()))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("the child JVM printed no '" + prefix
                            + "' line; stdout:\n" + stdout + "\nstderr:\n" + stderr));
        }
    }

    /** Runs {@code main} with {@code jvmArgs} and {@code args}; fails unless it exits with 0 within 5 minutes. */
    static Output run(Class<?> main, List<String> jvmArgs, List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmArgs);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(main.getName());
        command.addAll(args);
        long start = System.nanoTime();
        try {
            Process process = new ProcessBuilder(command).start();
            CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(process.getInputStream()));
            CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
            if (!process.waitFor(5, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException(main.getSimpleName() + " did not finish within 5 minutes");
            }
            double ms = Stats.millisSince(start);
            Output output = new Output(out.join(), err.join(), ms);
            if (process.exitValue() != 0) {
                throw new IllegalStateException(main.getSimpleName() + " exited with " + process.exitValue()
                        + "; stdout:\n" + output.stdout() + "\nstderr:\n" + output.stderr());
            }
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start a child JVM", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a child JVM", e);
        }
    }

    private static String read(InputStream stream) {
        try (stream) {
            return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
