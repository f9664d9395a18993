package dev.approuting.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.approuting.core.AppName;
import dev.approuting.core.ConsistencyToken;
import dev.approuting.core.DbName;
import dev.approuting.core.ReaderHealth;
import dev.approuting.core.RoutedDatabases;
import dev.approuting.testkit.fixtures.ShopRegistry;
import dev.approuting.testkit.postgres.PostgresStandby;
import java.time.Duration;
import org.jooq.DSLContext;
import org.jooq.Record3;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** {@code @RoutingTest(replicas = …)}: each test's clone read through a real streaming standby. */
@RoutingTest(service = "shop/api", registry = ShopRegistry.class, replicas = "shop")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReplicaRoutingIT {
    private static final AppName ORDERS = AppName.of("orders");
    private static final DbName SHOP = DbName.of("shop");
    private static final Duration REPLAY = Duration.ofSeconds(30);

    private static long insert(RoutedDatabases dbs) {
        return dbs.transactionResult(
                ORDERS,
                tx -> tx.fetchSingle("INSERT INTO orders (item) VALUES ('written') RETURNING id")
                        .get(0, Long.class));
    }

    /** The row's count, whether a standby answered, and the database it answered from. */
    private static Record3<Long, Boolean, String> read(DSLContext reading, long id) {
        return reading.fetchSingle(
                        "SELECT count(*), pg_is_in_recovery(), current_database() FROM orders WHERE id = " + id)
                .into(
                        DSL.field("count", Long.class),
                        DSL.field("pg_is_in_recovery", Boolean.class),
                        DSL.field("current_database", String.class));
    }

    @Test
    @Order(1)
    void readsGoToTheStandbysCopyOfTheTestsClone(RoutedDatabases dbs, PostgresStandby standby) {
        long id = insert(dbs);
        String clone = dbs.dsl(ORDERS).fetchValue(DSL.field("current_database()", String.class));
        standby.awaitReplay(REPLAY);

        Record3<Long, Boolean, String> read = read(dbs.reading(ORDERS), id);
        assertThat(read.value1()).as("the standby replayed the write").isEqualTo(1L);
        assertThat(read.value2()).as("served by the standby").isTrue();
        assertThat(read.value3()).as("the same clone, on the standby").isEqualTo(clone);
        assertThat(dbs.health(SHOP).reader()).hasValueSatisfying(r -> {
            assertThat(r.state()).isEqualTo(ReaderHealth.State.SERVING);
            assertThat(r.server()).isEqualTo(standby.host() + ":" + standby.port());
        });
    }

    @Test
    @Order(2)
    void pausedReplayProvesReadYourWrites(RoutedDatabases dbs, PostgresStandby standby) {
        standby.pauseReplay();
        long id = insert(dbs);
        ConsistencyToken token = dbs.token();
        assertThat(token.position(SHOP))
                .as("the commit is in the thread's token")
                .isPresent();

        Record3<Long, Boolean, String> paused = dbs.withToken(token, () -> read(dbs.reading(ORDERS), id));
        assertThat(paused.value1())
                .as("read-your-writes while the standby is behind")
                .isEqualTo(1L);
        assertThat(paused.value2()).as("served by the writer").isFalse();

        standby.resumeReplay();
        standby.awaitReplay(REPLAY);
        Record3<Long, Boolean, String> resumed = dbs.withToken(token, () -> read(dbs.reading(ORDERS), id));
        assertThat(resumed.value1()).isEqualTo(1L);
        assertThat(resumed.value2())
                .as("served by the standby once it replayed the commit")
                .isTrue();
        standby.pauseReplay(); // left paused on purpose: the next test must start replaying
    }

    @Test
    @Order(3)
    void eachTestStartsWithTheStandbyReplaying(PostgresStandby standby) {
        assertThat(standby.running()).isTrue();
        assertThat(standby.replayPaused())
                .as("paused by the test before, resumed for this one")
                .isFalse();
    }

    @Test
    @Order(4)
    void aDatabaseWithoutAReplicaReadsFromItsWriter(RoutedDatabases dbs) {
        DSLContext reading = dbs.reading(AppName.of("accounts"));
        assertThat(reading.fetchValue(DSL.field("pg_is_in_recovery()", Boolean.class)))
                .isFalse();
        assertThat(dbs.health(DbName.of("users")).reader()).isEmpty();
    }
}
