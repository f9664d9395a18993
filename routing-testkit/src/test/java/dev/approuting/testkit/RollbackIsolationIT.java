package dev.approuting.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.approuting.core.AppName;
import dev.approuting.core.RoutedDatabases;
import java.util.concurrent.atomic.AtomicReference;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** The registry comes from ServiceLoader here (META-INF/services in the test resources). */
@RoutingTest(service = "shop/api", isolation = Isolation.ROLLBACK)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RollbackIsolationIT {
    private static final AtomicReference<String> database = new AtomicReference<>();

    @Test
    @Order(1)
    void writesCommitsAndAll(RoutedDatabases dbs, @App("orders") DSLContext orders) {
        orders.execute("INSERT INTO orders (item) VALUES ('outside a transaction')");
        dbs.transaction(AppName.of("orders"), tx -> tx.execute("INSERT INTO orders (item) VALUES ('committed')"));
        dbs.transaction(AppName.of("jobs"), tx -> tx.execute("INSERT INTO work_unit (state) VALUES ('new')"));
        assertThat(orders.fetchSingle("SELECT count(*) FROM orders").get(0, Long.class))
                .isEqualTo(2L);
        database.set(orders.fetchSingle("SELECT current_database()").get(0, String.class));
    }

    @Test
    @Order(2)
    void theNextTestSeesNoneOfIt_onTheSameDatabase(RoutedDatabases dbs, @App("orders") DSLContext orders) {
        assertThat(orders.fetchSingle("SELECT current_database()").get(0, String.class))
                .isEqualTo(database.get());
        assertThat(orders.fetchSingle("SELECT count(*) FROM orders").get(0, Long.class))
                .isZero();
        assertThat(dbs.dsl("jobs").fetchSingle("SELECT count(*) FROM work_unit").get(0, Long.class))
                .isZero();
    }

    @Test
    @Order(3)
    void aFailingStatementOrTransactionIsUndoneAlone(RoutedDatabases dbs, @App("accounts") DSLContext accounts) {
        accounts.execute("INSERT INTO account (email) VALUES ('a@example.com')");
        assertThatThrownBy(() -> accounts.execute("INSERT INTO account (email) VALUES ('a@example.com')"))
                .isInstanceOf(DataAccessException.class);
        assertThatThrownBy(() -> dbs.transaction(AppName.of("accounts"), tx -> {
                    tx.execute("INSERT INTO account (email) VALUES ('b@example.com')");
                    throw new IllegalStateException("undo b");
                }))
                .hasMessageContaining("undo b");
        assertThat(accounts.fetch("SELECT email FROM account").getValues(0, String.class))
                .containsExactly("a@example.com");
    }

    @Test
    @Order(4)
    @TestIsolation(Isolation.FRESH)
    void aMethodCanAskForAFreshCloneInstead(@App("orders") DSLContext orders) {
        assertThat(orders.fetchSingle("SELECT current_database()").get(0, String.class))
                .isNotEqualTo(database.get());
        assertThat(orders.fetchSingle("SELECT count(*) FROM orders").get(0, Long.class))
                .isZero();
    }
}
