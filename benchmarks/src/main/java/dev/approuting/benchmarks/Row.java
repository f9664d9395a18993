package dev.approuting.benchmarks;

import java.util.Objects;

/**
 * One line of the results table: what was measured, the baseline measured in the same run, their
 * ratio, the target and whether it was met.
 *
 * @param benchmark what was measured
 * @param measured the figure of approuting
 * @param baseline the figure of the baseline, or {@code –} when the claim has none
 * @param ratio the ratio of the two, or {@code –}
 * @param target the claimed target, or {@code –} when the figure is only reported
 * @param verdict whether the target was met
 */
public record Row(String benchmark, String measured, String baseline, String ratio, String target, Verdict verdict) {
    /** Whether a figure meets its target. */
    public enum Verdict {
        /** The target is met. */
        MET("yes"),
        /** The target is missed; the README says what limits it. */
        MISSED("**no**"),
        /** The figure has no target, it is reported. */
        REPORTED("–");

        private final String cell;

        Verdict(String cell) {
            this.cell = cell;
        }

        /** Returns the table cell. */
        public String cell() {
            return cell;
        }

        /** Returns {@link #MET} when {@code ok}, else {@link #MISSED}. */
        public static Verdict of(boolean ok) {
            return ok ? MET : MISSED;
        }
    }

    /** Checks that every cell is present. */
    public Row {
        Objects.requireNonNull(benchmark, "benchmark");
        Objects.requireNonNull(measured, "measured");
        Objects.requireNonNull(baseline, "baseline");
        Objects.requireNonNull(ratio, "ratio");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(verdict, "verdict");
    }

    /** Returns a row with no baseline and no target. */
    public static Row reported(String benchmark, String measured) {
        return new Row(benchmark, measured, "–", "–", "–", Verdict.REPORTED);
    }
}
