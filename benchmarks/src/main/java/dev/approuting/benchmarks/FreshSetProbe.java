package dev.approuting.benchmarks;

import dev.approuting.core.AppName;
import dev.approuting.core.RoutedDatabases;
import dev.approuting.testkit.RoutingTest;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Run by the harness through the JUnit launcher: each test gets a fresh, migrated set of the 3
 * databases of {@code bench/shop} (the default isolation), queries each once, then does its own work
 * (a sleep, during which the testkit prepares the next set).
 */
@RoutingTest(service = "bench/shop", registry = ShopRegistry.class)
public class FreshSetProbe {
    /** Creates the probe; JUnit calls this. */
    public FreshSetProbe() {}

    static IntStream tests() {
        return IntStream.range(0, Integer.getInteger(ProbeClock.TESTS_PROPERTY, 40));
    }

    /** One test. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("tests")
    void freshSet(int test, RoutedDatabases dbs) throws InterruptedException {
        for (String app : new String[] {"accounts", "orders", "auditlog"}) {
            Long rows = dbs.dsl(AppName.of(app))
                    .fetchSingle("SELECT count(*) FROM " + app + "_1")
                    .get(0, Long.class);
            if (rows == null || rows != 100) {
                throw new IllegalStateException(app + " has " + rows + " rows, expected the 100 its migration adds");
            }
        }
        dbs.dsl(AppName.of("orders")).execute("INSERT INTO orders_1 (id, name) VALUES (1000, 'new')");
        long work = System.nanoTime();
        Thread.sleep(Integer.getInteger(ProbeClock.WORK_PROPERTY, 150));
        ProbeClock.WORK_NANOS.put(test, System.nanoTime() - work);
    }
}
