package dev.approuting.benchmarks;

import dev.approuting.lint.LintReport;
import dev.approuting.lint.MigrationLinter;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The static migration linter over a 1,000-file history on disk (reading, tokenizing, parsing, the
 * rules, in Flyway order), as {@code routing lint} runs it.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class LintBenchmark {
    /** Files in the history. */
    public static final int FILES = 1000;

    private final MigrationLinter linter = MigrationLinter.configure().load();
    private @Nullable Path history;

    /** Writes the history. */
    @Setup
    public void setUp() {
        history = LintHistory.write(FILES);
    }

    /** Deletes the history. */
    @TearDown
    public void tearDown() {
        if (history != null) {
            LintHistory.delete(history);
        }
    }

    /** Lints the whole history. */
    @Benchmark
    public LintReport lintHistory() {
        if (history == null) {
            throw new IllegalStateException("set up did not run");
        }
        return linter.lint(history);
    }

    /** Returns how many statements one lint of the history counts. */
    static int statementsPerHistory() {
        Path dir = LintHistory.write(FILES);
        try {
            return MigrationLinter.configure().load().lint(dir).statements();
        } finally {
            LintHistory.delete(dir);
        }
    }
}
