package dev.approuting.benchmarks;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Percentiles of timed samples; the ratio of paired measurements with its confidence interval. */
final class Stats {
    private Stats() {}

    /**
     * The ratio of paired measurements: the geometric mean of the per-pair ratios and its two-sided 95 %
     * confidence interval.
     *
     * @param ratio the geometric mean of the pairs' ratios
     * @param low the interval's lower bound
     * @param high the interval's upper bound
     * @param pairs how many pairs it rests on
     */
    record RatioInterval(double ratio, double low, double high, int pairs) {
        /** Returns {@code 0.987 (95 % CI 0.962–1.013, 30 pairs)} with {@code decimals} digits. */
        String text(int decimals) {
            return ResultTable.number(ratio, decimals) + " (95 % CI " + ResultTable.number(low, decimals) + "–"
                    + ResultTable.number(high, decimals) + ", " + pairs + " pairs)";
        }
    }

    /**
     * The ratio of paired measurements ({@code ratios}: one measured/baseline ratio per pair, each pair
     * taken back to back) with a Student t interval over the logarithms of the ratios: a ratio is
     * symmetric on a log scale (0.5 is as far from 1 as 2), and the geometric mean of ratios is the
     * ratio of geometric means, whichever side is the baseline.
     *
     * @throws IllegalArgumentException with fewer than 2 pairs or a ratio that is not positive
     */
    static RatioInterval pairedRatio(List<Double> ratios) {
        int n = ratios.size();
        if (n < 2) {
            throw new IllegalArgumentException("an interval needs at least 2 pairs, got " + n);
        }
        double sum = 0;
        for (double r : ratios) {
            if (!(r > 0) || Double.isInfinite(r)) {
                throw new IllegalArgumentException("a ratio must be positive and finite, got " + r);
            }
            sum += Math.log(r);
        }
        double mean = sum / n;
        double squares = 0;
        for (double r : ratios) {
            double d = Math.log(r) - mean;
            squares += d * d;
        }
        double standardError = Math.sqrt(squares / (n - 1) / n);
        double half = studentT975(n - 1) * standardError;
        return new RatioInterval(Math.exp(mean), Math.exp(mean - half), Math.exp(mean + half), n);
    }

    /** The 97.5 % quantile of Student's t distribution (two-sided 95 %) with {@code df} degrees of freedom. */
    static double studentT975(int df) {
        if (df < 1) {
            throw new IllegalArgumentException("degrees of freedom must be at least 1, got " + df);
        }
        if (df <= T975.length) {
            return T975[df - 1];
        }
        // Cornish-Fisher expansion around the normal quantile; within 1e-4 of the table from df 30 on.
        double z = 1.959963984540054;
        double z3 = z * z * z;
        double z5 = z3 * z * z;
        return z + (z3 + z) / (4.0 * df) + (5 * z5 + 16 * z3 + 3 * z) / (96.0 * df * df);
    }

    /** Student t 97.5 % quantiles for 1–30 degrees of freedom (the usual table, 3 decimals). */
    private static final double[] T975 = {
        12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.160, 2.145, 2.131,
        2.120, 2.110, 2.101, 2.093, 2.086, 2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048, 2.045, 2.042
    };

    static double millisSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000.0;
    }

    static double median(List<Double> samples) {
        return percentile(samples, 50);
    }

    /** The nearest-rank percentile {@code p} (0–100) of {@code samples}. */
    static double percentile(List<Double> samples, double p) {
        if (samples.isEmpty()) {
            throw new IllegalArgumentException("no samples");
        }
        List<Double> sorted = new ArrayList<>(samples);
        Collections.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
    }
}
