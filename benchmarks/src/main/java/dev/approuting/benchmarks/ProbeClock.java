package dev.approuting.benchmarks;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where the probe tests note when their own work started and ended, so the harness can subtract it
 * from the time JUnit reports for the test and keep what the testkit costs.
 */
final class ProbeClock {
    /** Nanoseconds of each test's own work (its simulated work), by test number. */
    static final Map<Integer, Long> WORK_NANOS = new ConcurrentHashMap<>();

    private ProbeClock() {}

    /** The system property giving the number of tests per probe run. */
    static final String TESTS_PROPERTY = "approuting.bench.tests";

    /** The system property giving the milliseconds of simulated work per fresh test. */
    static final String WORK_PROPERTY = "approuting.bench.workMs";
}
