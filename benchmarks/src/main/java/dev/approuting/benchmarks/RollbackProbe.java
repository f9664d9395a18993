package dev.approuting.benchmarks;

import dev.approuting.core.AppName;
import dev.approuting.core.RoutedDatabases;
import dev.approuting.testkit.Isolation;
import dev.approuting.testkit.RoutingTest;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Run by the harness through the JUnit launcher: each test inserts a row in a transaction that the
 * testkit rolls back afterwards, and checks that the previous test's row is gone.
 */
@RoutingTest(service = "bench/shop", registry = ShopRegistry.class, isolation = Isolation.ROLLBACK)
public class RollbackProbe {
    /** Creates the probe; JUnit calls this. */
    public RollbackProbe() {}

    static IntStream tests() {
        return IntStream.range(0, Integer.getInteger(ProbeClock.TESTS_PROPERTY, 40));
    }

    /** One test. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("tests")
    void rolledBack(int test, RoutedDatabases dbs) {
        long work = System.nanoTime();
        var orders = dbs.dsl(AppName.of("orders"));
        Integer left = orders.fetchSingle("SELECT count(*)::int FROM orders_1 WHERE id = 1000")
                .get(0, Integer.class);
        if (left == null || left != 0) {
            throw new IllegalStateException("the previous test's row was not rolled back");
        }
        orders.execute("INSERT INTO orders_1 (id, name) VALUES (1000, 'new')");
        ProbeClock.WORK_NANOS.put(test, System.nanoTime() - work);
    }
}
