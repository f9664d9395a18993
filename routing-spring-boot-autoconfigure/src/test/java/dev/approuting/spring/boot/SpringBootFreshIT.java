package dev.approuting.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.approuting.core.RoutedDatabases;
import dev.approuting.testkit.RoutingTest;
import javax.sql.DataSource;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

/** {@code @RoutingTest} with {@code @SpringBootTest}: every routed bean of the context reaches the test's own clones. */
@SpringBootTest(classes = {Shop.Application.class, Orders.class})
@RoutingTest(service = Shop.SERVICE, registry = Shop.Provider.class)
class SpringBootFreshIT {
    @Autowired
    Orders orders;

    @Autowired
    @Db("d01")
    DataSource d01;

    @Autowired
    @Db("d02")
    DataSource d02;

    @Test
    void everyRoutedDataSourceOfTheContextIsTheTestsClone(
            @dev.approuting.testkit.Db("d01") DataSource clone01,
            @dev.approuting.testkit.Db("d02") DataSource clone02) {
        String context01 = currentDatabase(d01);
        String context02 = currentDatabase(d02);
        assertThat(context01).isEqualTo(currentDatabase(clone01)).isNotEqualTo("d01");
        assertThat(context02)
                .isEqualTo(currentDatabase(clone02))
                .isNotEqualTo("d02")
                .isNotEqualTo(context01);
    }

    @RepeatedTest(3)
    void eachTestStartsFromTheMigratedDatabases(RoutedDatabases testkit) {
        // The migrations seed one row per app; a write left by another repetition would make it 2.
        assertThat(orders.users()).isOne();
        assertThat(orders.bills()).isOne();
        orders.addUser(2, "ada");
        orders.bill(2);
        assertThat(orders.users()).isEqualTo(2);
        assertThat(testkit.dsl("billing").fetchCount(testkit.dsl("billing").selectFrom("item")))
                .isEqualTo(2);
    }

    private static String currentDatabase(DataSource dataSource) {
        return java.util.Objects.requireNonNull(
                new JdbcTemplate(dataSource).queryForObject("SELECT current_database()", String.class));
    }
}
