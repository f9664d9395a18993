package dev.approuting.benchmarks;

import dev.approuting.core.AppName;
import dev.approuting.core.RoutedDatabases;
import dev.approuting.testkit.RoutingTest;
import org.junit.jupiter.api.Test;

/**
 * Run in a fresh JVM by {@link FirstTestMain}: the first test of a run with the 5 databases of
 * {@code bench/shop5}; it prints when it began, so the harness sees JVM start to first test.
 */
@RoutingTest(service = "bench/shop5", registry = ShopRegistry.class)
public class FirstTestProbe {
    /** The prefix of the line the harness reads. */
    static final String PREFIX = "FIRST_TEST ";

    /** Creates the probe; JUnit calls this. */
    public FirstTestProbe() {}

    /** The first (and only) test. */
    @Test
    @SuppressWarnings("SystemOut") // the harness reads this line
    void firstTest(RoutedDatabases dbs) {
        long began = System.currentTimeMillis();
        for (String app : new String[] {"accounts", "orders", "auditlog", "products", "invoices"}) {
            dbs.dsl(AppName.of(app)).fetchValue("SELECT count(*) FROM " + app + "_5");
        }
        System.out.println(PREFIX + began);
    }
}
