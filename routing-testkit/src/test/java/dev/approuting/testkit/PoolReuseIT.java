package dev.approuting.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.approuting.core.DbName;
import dev.approuting.core.RoutedDatabases;
import dev.approuting.testkit.fixtures.ShopRegistry;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * Fresh tests of one service reuse the pools of the test before, pointed at new clones: the next test
 * sees none of the rows, nor the database, of the one before, and a connection the earlier test kept
 * refuses work.
 */
@RoutingTest(service = "shop/api", registry = ShopRegistry.class)
@Isolated // alone, so no other class of shop/api takes the pool between two of these tests
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PoolReuseIT {
    private static final AtomicReference<DataSource> firstPool = new AtomicReference<>();
    private static final AtomicReference<String> firstDatabase = new AtomicReference<>();
    private static final AtomicReference<Connection> kept = new AtomicReference<>();

    @Test
    @Order(1)
    void writesARowAndKeepsAConnection(RoutedDatabases dbs, @App("orders") DSLContext orders) throws SQLException {
        orders.execute("INSERT INTO orders (item) VALUES ('first')");
        firstPool.set(dbs.dataSource(DbName.of("shop")));
        firstDatabase.set(orders.fetchSingle("SELECT current_database()").get(0, String.class));
        kept.set(dbs.dataSource(DbName.of("shop")).getConnection()); // left open on purpose
    }

    @Test
    @Order(2)
    void theNextTestReusesThePoolButNotTheDatabase(RoutedDatabases dbs, @App("orders") DSLContext orders) {
        assertThat(dbs.dataSource(DbName.of("shop")))
                .as("the pool of the test before, pointed at this test's clone")
                .isSameAs(firstPool.get());
        assertThat(orders.fetchCount(DSL.table("orders"))).isZero();
        assertThat(orders.fetchSingle("SELECT current_database()").get(0, String.class))
                .isNotEqualTo(firstDatabase.get())
                .startsWith("approuting_c_");
    }

    @Test
    @Order(3)
    void aConnectionKeptFromAnEarlierTestRefusesWork() throws SQLException {
        Connection old = Objects.requireNonNull(kept.get(), "the first test keeps a connection");
        assertThatThrownBy(() -> old.createStatement().executeQuery("SELECT 1"))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("a test that has ended")
                .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("08003"));
        assertThat(old.isValid(1)).isFalse();
        old.close();
    }

    @Test
    @Order(4)
    void everyTestOfManyStartsEmpty(@App("orders") DSLContext orders) {
        assertThat(orders.fetchCount(DSL.table("orders"))).isZero();
        for (int i = 0; i < 3; i++) {
            orders.execute("INSERT INTO orders (item) VALUES ('again')");
        }
        assertThat(orders.fetchCount(DSL.table("orders"))).isEqualTo(3);
    }

    @Test
    @Order(5)
    void andTheOneAfterItToo(@App("orders") DSLContext orders) {
        assertThat(orders.fetchCount(DSL.table("orders"))).isZero();
    }
}
