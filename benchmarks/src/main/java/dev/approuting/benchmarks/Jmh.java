package dev.approuting.benchmarks;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntPredicate;
import java.util.regex.Pattern;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.Options;
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

    /**
     * The result of one pair of a paired benchmark: the mean of each variant over its iterations (all
     * forks), one ratio per pair of adjacent iterations, and their geometric mean with its interval.
     *
     * @param measured the measured variant's mean score
     * @param baseline the baseline's mean score
     * @param unit the score's unit
     * @param ratio measured / baseline with its 95 % confidence interval (higher is better)
     * @param forks how many forked JVMs the pairs came from
     */
    record Paired(double measured, double baseline, String unit, Stats.RatioInterval ratio, int forks) {
        String measuredText(int decimals) {
            return ResultTable.number(measured, decimals) + " " + unit + " (mean of " + ratio.pairs() + " iterations)";
        }

        String baselineText(int decimals) {
            return ResultTable.number(baseline, decimals) + " " + unit + " (mean of " + ratio.pairs() + " iterations)";
        }
    }

    /**
     * Runs a paired benchmark class: a {@code pair} parameter names {@code measured-vs-baseline}, and
     * its state runs the measured variant in the iterations for which {@code measuredTurn} is true
     * (counted from the first warm-up iteration), the baseline in the others. Iterations {@code 2k}
     * and {@code 2k+1} form a pair; the warm-up count is even so pairs never straddle it. At least 3
     * forks in a full run, 1 in a quick one.
     */
    static Map<String, Paired> runPaired(
            Class<?> benchmarks, Profile profile, int serverPort, IntPredicate measuredTurn) {
        int forks = profile.forks() == 1 ? 1 : Math.max(3, profile.forks());
        int warmup = Math.max(2, profile.iterations() / 2 * 2);
        int measurements = 2 * profile.iterations();
        Options options = new OptionsBuilder()
                .include("^" + Pattern.quote(benchmarks.getName()) + "\\.")
                .forks(forks)
                .warmupIterations(warmup)
                .warmupTime(TimeValue.seconds(profile.iterationSeconds()))
                .measurementIterations(measurements)
                .measurementTime(TimeValue.seconds(profile.iterationSeconds()))
                .jvmArgsAppend("-D" + BenchServer.PORT_PROPERTY + "=" + serverPort, "-Xmx1g")
                .verbosity(profile.verbose() ? VerboseMode.NORMAL : VerboseMode.SILENT)
                .shouldFailOnError(true)
                .build();
        Collection<RunResult> results;
        try {
            results = new Runner(options).run();
        } catch (RunnerException e) {
            throw new IllegalStateException("JMH failed on " + benchmarks.getSimpleName() + ": " + e.getMessage(), e);
        }
        Map<String, Paired> pairs = new LinkedHashMap<>();
        for (RunResult result : results) {
            String pair = result.getParams().getParam("pair");
            if (pair == null) {
                throw new IllegalStateException(benchmarks.getSimpleName() + " has no 'pair' parameter");
            }
            List<Double> ratios = new ArrayList<>();
            double measuredSum = 0;
            double baselineSum = 0;
            String unit = result.getPrimaryResult().getScoreUnit();
            for (BenchmarkResult fork : result.getBenchmarkResults()) {
                List<IterationResult> iterations = new ArrayList<>(fork.getIterationResults());
                for (int i = 0; i + 1 < iterations.size(); i += 2) {
                    double first = iterations.get(i).getPrimaryResult().getScore();
                    double second = iterations.get(i + 1).getPrimaryResult().getScore();
                    boolean measuredFirst = measuredTurn.test(warmup + i);
                    if (measuredFirst == measuredTurn.test(warmup + i + 1)) {
                        throw new IllegalStateException(
                                "iterations " + i + " and " + (i + 1) + " ran the same variant: they are no pair");
                    }
                    double m = measuredFirst ? first : second;
                    double b = measuredFirst ? second : first;
                    measuredSum += m;
                    baselineSum += b;
                    ratios.add(m / b); // throughput: higher is better, so measured / baseline
                }
            }
            pairs.put(
                    pair,
                    new Paired(
                            measuredSum / ratios.size(),
                            baselineSum / ratios.size(),
                            unit,
                            Stats.pairedRatio(ratios),
                            result.getBenchmarkResults().size()));
        }
        return pairs;
    }

    static Paired requirePair(Map<String, Paired> pairs, String pair) {
        Paired paired = pairs.get(pair);
        if (paired == null) {
            throw new IllegalStateException("JMH gave no result for the pair " + pair + "; it gave " + pairs.keySet());
        }
        return paired;
    }

    static Score require(Map<String, Score> scores, String method) {
        Score score = scores.get(method);
        if (score == null) {
            throw new IllegalStateException("JMH gave no result for " + method + "; it gave " + scores.keySet());
        }
        return score;
    }
}
