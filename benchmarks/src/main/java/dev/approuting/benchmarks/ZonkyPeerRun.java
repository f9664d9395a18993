package dev.approuting.benchmarks;

import static dev.approuting.benchmarks.ResultTable.number;

import java.util.List;

/**
 * The peer of the testkit's fresh sets in the same run: zonky's {@code embedded-database-spring-test}
 * with Flyway template caching and prefetching ({@link ZonkyPeerProbe}), the same 3 databases, the same
 * migrations, the same test body, timed the same way (JUnit's time for a test minus its own work).
 */
final class ZonkyPeerRun {
    private ZonkyPeerRun() {}

    /**
     * Runs the zonky probe and returns its row, next to the testkit's fresh set measured just before.
     *
     * @param testkitP50 the testkit's fresh set, p50 in milliseconds
     * @param profile the run's profile: {@code quick} runs 12 tests (to stay within its time budget), {@code
     *     full} as many as the testkit's
     */
    static Row run(double testkitP50, Profile profile) {
        int tests = Profile.QUICK.equals(profile) ? Math.min(12, profile.testsPerRun()) : profile.testsPerRun();
        System.setProperty(ZonkyPeerProbe.TESTS_PROPERTY, String.valueOf(tests));
        List<Double> zonky = TestkitRuns.launch(ZonkyPeerProbe.class);
        double p50 = Stats.percentile(zonky, 50);
        double p95 = Stats.percentile(zonky, 95);
        return new Row(
                "peer: zonky `embedded-database-spring-test` 2.8.0, fresh migrated 3-database set per test"
                        + " (Flyway result cached as templates, prefetching " + ZonkyPeerProbe.PREFETCH_CONCURRENCY
                        + " threads × " + ZonkyPeerProbe.PREFETCH_PIPELINE + " ahead, `refresh ="
                        + " AFTER_EACH_TEST_METHOD`, its own embedded server; " + zonky.size() + " tests)",
                "testkit: p50 " + number(testkitP50, 1) + " ms",
                "zonky: p50 " + number(p50, 1) + " ms, p95 " + number(p95, 1) + " ms",
                number(testkitP50 / p50, 2) + "× (testkit ÷ zonky)",
                "testkit faster (ratio < 1)",
                Row.Verdict.of(testkitP50 < p50));
    }
}
