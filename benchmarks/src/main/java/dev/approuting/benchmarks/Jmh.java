package dev.approuting.benchmarks;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/** Runs the JMH benchmarks of one class in forked JVMs and returns their scores by method name. */
final class Jmh {
    private Jmh() {}

    /**
     * The score of one benchmark method: its best iteration (the highest throughput or the lowest
     * time: what the code costs when it has the CPU, on a machine other builds load), the mean and
     * error (99.9 %) of all iterations, the unit and the bytes allocated per call.
     */
    record Score(double best, double mean, double error, String unit, double bytesPerOp) {
        String text(int decimals) {
            return ResultTable.number(best, decimals) + " " + unit + " (mean " + ResultTable.number(mean, decimals)
                    + " ± " + ResultTable.number(error, decimals) + ")";
        }
    }

    @SuppressWarnings("rawtypes") // JMH hands results out as raw Result
    static Map<String, Score> run(Class<?> benchmarks, Profile profile, int serverPort, boolean gcProfiler) {
        ChainedOptionsBuilder options = new OptionsBuilder()
                .include("^" + Pattern.quote(benchmarks.getName()) + "\\.")
                .forks(profile.forks())
                .warmupIterations(profile.iterations())
                .warmupTime(TimeValue.seconds(profile.iterationSeconds()))
                .measurementIterations(profile.iterations())
                .measurementTime(TimeValue.seconds(profile.iterationSeconds()))
                .jvmArgsAppend("-D" + BenchServer.PORT_PROPERTY + "=" + serverPort, "-Xmx1g")
                .verbosity(profile.verbose() ? VerboseMode.NORMAL : VerboseMode.SILENT)
                .shouldFailOnError(true);
        if (gcProfiler) {
            options.addProfiler(GCProfiler.class);
        }
        Collection<RunResult> results;
        try {
            results = new Runner(options.build()).run();
        } catch (RunnerException e) {
            throw new IllegalStateException("JMH failed on " + benchmarks.getSimpleName() + ": " + e.getMessage(), e);
        }
        Map<String, Score> scores = new LinkedHashMap<>();
        for (RunResult result : results) {
            String benchmark = result.getParams().getBenchmark();
            String method = benchmark.substring(benchmark.lastIndexOf('.') + 1);
            Result primary = result.getPrimaryResult();
            double bytes = result.getSecondaryResults().entrySet().stream()
                    .filter(e -> e.getKey().endsWith("gc.alloc.rate.norm"))
                    .mapToDouble(e -> e.getValue().getScore())
                    .findFirst()
                    .orElse(Double.NaN);
            boolean higherIsBetter = result.getParams().getMode() == Mode.Throughput;
            double best = result.getBenchmarkResults().stream()
                    .flatMap(b -> b.getIterationResults().stream())
                    .mapToDouble(i -> i.getPrimaryResult().getScore())
                    .reduce(higherIsBetter ? Math::max : Math::min)
                    .orElseThrow();
            scores.put(
                    method,
                    new Score(best, primary.getScore(), primary.getScoreError(), primary.getScoreUnit(), bytes));
        }
        return scores;
    }

    static Score require(Map<String, Score> scores, String method) {
        Score score = scores.get(method);
        if (score == null) {
            throw new IllegalStateException("JMH gave no result for " + method + "; it gave " + scores.keySet());
        }
        return score;
    }
}
