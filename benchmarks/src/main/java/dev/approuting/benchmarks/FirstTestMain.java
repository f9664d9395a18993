package dev.approuting.benchmarks;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/** Runs {@link FirstTestProbe} through the JUnit launcher, as a build tool would in a fresh JVM. */
public final class FirstTestMain {
    private FirstTestMain() {}

    /**
     * Runs the probe and exits with 1 when it fails.
     *
     * @param args unused
     */
    @SuppressWarnings("SystemOut") // the failure goes to the harness
    public static void main(String[] args) {
        SummaryGeneratingListener summary = new SummaryGeneratingListener();
        LauncherFactory.create()
                .execute(
                        LauncherDiscoveryRequestBuilder.request()
                                .selectors(selectClass(FirstTestProbe.class))
                                .build(),
                        summary);
        TestExecutionSummary result = summary.getSummary();
        if (result.getTotalFailureCount() > 0 || result.getTestsSucceededCount() != 1) {
            result.getFailures().forEach(f -> f.getException().printStackTrace());
            System.exit(1);
        }
    }
}
