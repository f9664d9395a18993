package dev.approuting.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.approuting.testkit.fixtures.ShopRegistry;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

@RoutingTest(service = "shop/api", registry = ShopRegistry.class)
@Execution(ExecutionMode.CONCURRENT)
class ParallelIT {
    private static final int TESTS = 8;
    private static final Set<String> databases = ConcurrentHashMap.newKeySet();

    @RepeatedTest(TESTS)
    void noTwoTestsShareAClone(@App("orders") DSLContext orders, RepetitionInfo repetition)
            throws InterruptedException {
        orders.execute("INSERT INTO orders (item) VALUES (?)", "test " + repetition.getCurrentRepetition());
        Thread.sleep(100);
        assertThat(orders.fetch("SELECT item FROM orders").getValues(0, String.class))
                .containsExactly("test " + repetition.getCurrentRepetition());
        databases.add(orders.fetchSingle("SELECT current_database()").get(0, String.class));
    }

    @AfterAll
    static void everyTestHadItsOwnDatabase() {
        assertThat(databases).hasSize(TESTS);
    }
}
