package dev.approuting.benchmarks;

/**
 * How long a run measures: {@link #QUICK} (a smoke run of a few minutes) or {@link #FULL}.
 *
 * @param name {@code quick} or {@code full}
 * @param forks JMH forks per benchmark
 * @param iterations JMH warm-up and measurement iterations each
 * @param iterationSeconds seconds per JMH iteration
 * @param rounds rounds of each timed run (the median is reported)
 * @param coldStarts fresh JVMs for each cold start figure
 * @param testsPerRun tests in each testkit run
 * @param verbose whether JMH prints its progress
 */
record Profile(
        String name,
        int forks,
        int iterations,
        int iterationSeconds,
        int rounds,
        int coldStarts,
        int testsPerRun,
        boolean verbose) {
    static final Profile QUICK = new Profile("quick", 1, 5, 1, 1, 3, 40, false);
    static final Profile FULL = new Profile("full", 2, 10, 1, 3, 7, 120, true);
}
