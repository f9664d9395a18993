package dev.approuting.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import dev.approuting.testkit.postgres.PostgresExtension;
import dev.approuting.testkit.postgres.PostgresStandby;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.jooq.Record;
import org.jooq.Record2;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Reads and writes against a real streaming standby of an embedded server: where each goes, exact
 * read-your-writes while replay is paused, bounded staleness without a token, fallback while the
 * standby is stopped and recovery when it returns.
 */
class ReplicaIT {
    /** Generous bound for a standby on a loaded 2-core machine to replay a few records. */
    private static final Duration REPLAY = Duration.ofSeconds(30);

    private static final DbName SHOP = DbName.of("shop");
    private static final DbName PEOPLE = DbName.of("people");
    private static final AppName ORDERS = AppName.of("orders");
    private static final AppName USERS = AppName.of("users");
    private static final String ROW = "SELECT count(*), pg_is_in_recovery() FROM item WHERE id = ";
    private static final AtomicInteger IDS = new AtomicInteger(100);

    @RegisterExtension
    static final PostgresExtension pg = PostgresExtension.embedded();

    private static PostgresStandby standby;
    private static ServiceRouting routing;
    private static CredentialsSource credentials;
    private static final ReaderSettings READERS = ReaderSettings.defaults()
            .withRetryDownAfter(Duration.ofMillis(200))
            .withConnectionTimeout(Duration.ofMillis(500));
    private RoutedDatabases dbs;

    @BeforeAll
    static void startStandby() {
        pg.execute("postgres", "CREATE DATABASE shop", "CREATE DATABASE people");
        pg.execute("shop", "CREATE SCHEMA orders", "CREATE TABLE orders.item (id int PRIMARY KEY, note text)");
        pg.execute("people", "CREATE SCHEMA users", "CREATE TABLE users.account (id int PRIMARY KEY)");
        standby = pg.startStandby();
        routing = DbRouterRegistry.builder()
                .router(PerAppDbRouter.forDb("shop").apps("orders").build())
                .router(PerAppDbRouter.forDb("people").apps("users").build())
                .service("shop/api", "shop", "people")
                .build()
                .forService("shop/api");
        credentials = CredentialsSource.of(
                Map.of(
                        SHOP, DbCredentials.of(pg.host(), pg.port(), "shop", "postgres", ""),
                        PEOPLE, DbCredentials.of(pg.host(), pg.port(), "people", "postgres", "")),
                Map.of(SHOP, DbCredentials.of(standby.host(), standby.port(), "shop", "postgres", "")));
    }

    @AfterAll
    static void closeStandby() {
        standby.close();
    }

    @BeforeEach
    void open() {
        standby.start();
        if (standby.replayPaused()) {
            standby.resumeReplay();
        }
        dbs = open(READERS);
    }

    @AfterEach
    void close() {
        dbs.close();
    }

    private static RoutedDatabases open(ReaderSettings readers) {
        return RoutedDatabases.configure(routing)
                .credentials(credentials)
                .credentialsCheckInterval(Duration.ZERO)
                .readers(readers)
                .open();
    }

    private long insert(RoutedDatabases on) {
        int id = IDS.incrementAndGet();
        on.transaction(ORDERS, tx -> tx.execute("INSERT INTO item VALUES (" + id + ", 'written')"));
        return id;
    }

    private static Record2<Long, Boolean> read(RoutedDatabases on, long id) {
        Record r = on.reading(ORDERS).fetchOne(ROW + id);
        return r.into(
                org.jooq.impl.DSL.field("count", Long.class),
                org.jooq.impl.DSL.field("pg_is_in_recovery", Boolean.class));
    }

    @Test
    void writesGoToTheWriterAndReadsToTheCaughtUpReplica() {
        long id = insert(dbs);
        standby.awaitReplay(REPLAY);

        assertThat(dbs.dsl(ORDERS).fetchValue("SELECT pg_is_in_recovery()")).isEqualTo(false);
        Record2<Long, Boolean> read = read(dbs, id);
        assertThat(read.value1()).as("the replica has the row").isEqualTo(1L);
        assertThat(read.value2()).as("served by the replica").isTrue();
        assertThat(dbs.reading(ORDERS).fetchValue("SELECT current_schema()")).isEqualTo("orders");
        assertThat(dbs.health(SHOP).reader()).hasValueSatisfying(r -> {
            assertThat(r.state()).isEqualTo(ReaderHealth.State.SERVING);
            assertThat(r.replicaReads()).isGreaterThanOrEqualTo(2);
            assertThat(r.pool().name()).isEqualTo("db-shop-reader");
            assertThat(r.lag()).isNotNull();
            assertThat(r.server()).isEqualTo("localhost:" + standby.port());
        });
    }

    @Test
    void aTokenSendsReadsToTheWriterWhileReplayIsPausedAndToTheReplicaAfterItResumes() {
        standby.pauseReplay();
        long id = insert(dbs);
        assertThat(dbs.token().position(SHOP))
                .as("the commit is in the thread's token")
                .isPresent();

        Record2<Long, Boolean> paused = read(dbs, id);
        assertThat(paused.value1())
                .as("read-your-writes while the replica is behind")
                .isEqualTo(1L);
        assertThat(paused.value2()).as("served by the writer").isFalse();
        assertThat(standby.column("shop", "SELECT count(*) FROM orders.item WHERE id = " + id))
                .as("the replica really is behind")
                .containsExactly("0");

        standby.resumeReplay();
        standby.awaitReplay(REPLAY);
        Record2<Long, Boolean> resumed = read(dbs, id);
        assertThat(resumed.value1()).isEqualTo(1L);
        assertThat(resumed.value2())
                .as("served by the replica once it replayed the commit")
                .isTrue();
    }

    @Test
    void aTokenCarriedToAnotherThreadGivesItReadYourWrites() throws Exception {
        // Paused, the replica's lag grows from its last replayed transaction: allow reads without a token.
        dbs.close();
        dbs = open(READERS.withMaxLag(Duration.ofMinutes(10)));
        standby.pauseReplay();
        long id = insert(dbs);
        String carried = dbs.token().toString();

        List<Record2<Long, Boolean>> seen = new CopyOnWriteArrayList<>();
        Thread other = new Thread(() -> {
            try (TokenScope scope = dbs.withToken(ConsistencyToken.parse(carried))) {
                assertThat(scope.token().position(SHOP)).isPresent();
                seen.add(read(dbs, id));
            }
            try (TokenScope none = dbs.withToken(ConsistencyToken.none())) {
                assertThat(none.token().isEmpty()).isTrue();
                seen.add(read(dbs, id));
            }
        });
        other.start();
        other.join(REPLAY.toMillis());

        assertThat(seen).as("both reads ran").hasSize(2);
        assertThat(seen.get(0).value1())
                .as("with the carried token: the writer")
                .isEqualTo(1L);
        assertThat(seen.get(0).value2()).isFalse();
        assertThat(seen.get(1).value1())
                .as("without a token: the replica, stale within maxLag")
                .isEqualTo(0L);
        assertThat(seen.get(1).value2()).isTrue();
    }

    @Test
    void withoutATokenReadsAreStaleAtMostMaxLag() {
        standby.pauseReplay();
        int id = IDS.incrementAndGet();
        pg.execute("shop", "INSERT INTO orders.item VALUES (" + id + ", 'by another service')");
        try (RoutedDatabases strict = open(READERS.withMaxLag(Duration.ofMillis(100)));
                RoutedDatabases relaxed = open(READERS.withMaxLag(Duration.ofMinutes(10)))) {
            Record2<Long, Boolean> stale = read(relaxed, id);
            assertThat(stale.value1()).as("stale, within 10 minutes").isEqualTo(0L);
            assertThat(stale.value2()).isTrue();

            awaitTrue(
                    "the reader to lag more than 100 ms",
                    () -> strict.health(SHOP).reader().map(ReaderHealth::lag).orElse(null),
                    () -> strict.health(SHOP)
                            .reader()
                            .map(r -> r.lag() == null || r.lag().toMillis() > 100)
                            .orElse(false));
            Record2<Long, Boolean> fresh = read(strict, id);
            assertThat(fresh.value1())
                    .as("a replica lagging past maxLag is not used")
                    .isEqualTo(1L);
            assertThat(fresh.value2()).isFalse();
            assertThat(strict.health(SHOP).reader().orElseThrow().fallbacks()).isPositive();
        }
    }

    @Test
    void readsWaitingForTheReplicaShareTheirReplayChecks() throws Exception {
        Duration wait = Duration.ofMillis(150);
        dbs.close();
        dbs = open(READERS.withMaxWait(wait));
        standby.pauseReplay();
        long id = insert(dbs);
        ConsistencyToken token = dbs.token();
        long before = replayChecks(dbs);

        int readers = 4;
        ExecutorService threads = Executors.newFixedThreadPool(readers);
        long start = System.nanoTime();
        try {
            List<Future<Record2<Long, Boolean>>> reads = new ArrayList<>();
            for (int i = 0; i < readers; i++) {
                reads.add(threads.submit(() -> dbs.withToken(token, () -> read(dbs, id))));
            }
            for (Future<Record2<Long, Boolean>> read : reads) {
                Record2<Long, Boolean> seen = read.get(wait.plus(REPLAY).toMillis(), TimeUnit.MILLISECONDS);
                assertThat(seen.value1()).as("read-your-writes after waiting").isEqualTo(1L);
                assertThat(seen.value2())
                        .as("the paused replica never caught up: the writer")
                        .isFalse();
            }
        } finally {
            threads.shutdownNow();
        }
        long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        long checks = replayChecks(dbs) - before;
        // Each reader asking every millisecond would make about readers × elapsed checks; shared, the waits
        // make at most one per millisecond of the time they took (maxWait, longer on a loaded machine), plus
        // one per new pooled connection (which server is it?).
        assertThat(checks)
                .as("replay checks made by %d reads waiting %d ms (%d ms in all)", readers, wait.toMillis(), elapsedMs)
                .isPositive()
                .isLessThanOrEqualTo(elapsedMs + 2L * readers);
    }

    @Test
    void aCoveredTokenUsesTheCachedReplayPosition() {
        dbs.close();
        dbs = open(READERS.withReplayCheckEvery(Duration.ofSeconds(1)));
        long id = insert(dbs);
        standby.awaitReplay(REPLAY);
        ConsistencyToken token = dbs.token();
        assertThat(dbs.withToken(token, () -> read(dbs, id)).value2()).isTrue();
        long before = replayChecks(dbs);
        long start = System.nanoTime();
        int served = 0;
        for (int i = 0; i < 20; i++) {
            served += dbs.withToken(token, () -> read(dbs, id)).value2() ? 1 : 0;
        }
        long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertThat(served).as("reads the replica served").isEqualTo(20);
        assertThat(replayChecks(dbs) - before)
                .as("replay checks in %d ms of reads, with positions cached for 1 s", elapsedMs)
                .isLessThanOrEqualTo(1 + elapsedMs / 1000);
        assertThat(dbs.withToken(ConsistencyToken.none(), dbs::token).isEmpty()).isTrue();
        assertThat(dbs.token())
                .as("withToken(token, work) gives the thread its token back")
                .isEqualTo(token);
    }

    private static long replayChecks(RoutedDatabases on) {
        return on.health(SHOP).reader().orElseThrow().replayChecks();
    }

    @Test
    void anInsertFetchedWithReturningAdvancesTheToken() {
        standby.pauseReplay();
        int id = IDS.incrementAndGet();
        try (TokenScope scope = dbs.withToken(ConsistencyToken.none())) {
            dbs.dsl(ORDERS).fetch("INSERT INTO item VALUES (" + id + ", 'returned') RETURNING id");
            assertThat(scope.token().position(SHOP))
                    .as("a READ to jOOQ, a write to the database")
                    .isPresent();
            assertThat(read(dbs, id).value1()).as("read-your-writes").isEqualTo(1L);
        }
    }

    @Test
    void aReadInsideAWriteTransactionStaysInIt() {
        long id = IDS.incrementAndGet();
        dbs.transaction(ORDERS, tx -> {
            tx.execute("INSERT INTO item VALUES (" + id + ", 'uncommitted')");
            Record2<Long, Boolean> inside = read(dbs, id);
            assertThat(inside.value1()).as("sees the transaction's own write").isEqualTo(1L);
            assertThat(inside.value2()).isFalse();
        });
    }

    @Test
    void readsFallBackToTheWriterWhileTheStandbyIsStoppedAndReturnWhenItIsBack() {
        long id = insert(dbs);
        standby.awaitReplay(REPLAY);
        assertThat(read(dbs, id).value2()).isTrue();

        standby.stop();
        Record2<Long, Boolean> down = read(dbs, id);
        assertThat(down.value1()).isEqualTo(1L);
        assertThat(down.value2())
                .as("the writer answers while the reader is down")
                .isFalse();
        ReaderHealth health = dbs.health(SHOP).reader().orElseThrow();
        assertThat(health.state()).isEqualTo(ReaderHealth.State.DOWN);
        assertThat(health.fallbacks()).isPositive();
        assertThat(dbs.health(SHOP).reachable()).as("the writer is fine").isTrue();

        standby.start();
        standby.awaitReplay(REPLAY);
        // Retried after retryDownAfter; a retry waits at most the reader's connection timeout.
        awaitTrue(
                "reads to return to the replica",
                () -> dbs.health(SHOP).reader().orElseThrow(),
                () -> read(dbs, id).value2());
        awaitTrue(
                "health() to show the reader serving",
                () -> dbs.health(SHOP).reader().orElseThrow(),
                () -> dbs.health(SHOP).reader().orElseThrow().state() == ReaderHealth.State.SERVING);
    }

    @Test
    void theReadingContextIsReadOnlyAndGuarded() {
        assertThatThrownBy(() -> dbs.reading(ORDERS).execute("INSERT INTO item VALUES (1, 'x')"))
                .isInstanceOfSatisfying(RoutingException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.READ_ONLY);
                    assertThat(e.getMessage()).contains("reading(\"orders\")", "dsl(\"orders\")", "shop/api");
                });
        assertThatThrownBy(() -> dbs.reading(ORDERS)
                        .selectFrom(table(name("users", "account")))
                        .fetch())
                .isInstanceOfSatisfying(
                        RoutingException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CROSS_DATABASE_ACCESS));
    }

    @Test
    void aDatabaseWithoutAReaderReadsFromItsWriter() {
        assertThat(dbs.reading(USERS).fetchValue("SELECT pg_is_in_recovery()")).isEqualTo(false);
        assertThat(dbs.health(PEOPLE).reader()).isEmpty();
    }

    @Test
    void aTokenAheadOfTheWriterIsDropped() {
        long id = insert(dbs);
        standby.awaitReplay(REPLAY);
        try (TokenScope scope = dbs.withToken(ConsistencyToken.of(SHOP, "FF/0"))) {
            assertThat(read(dbs, id).value2()).as("read as without a token").isTrue();
            assertThat(scope.token().position(SHOP)).isEmpty();
        }
    }

    private static void awaitTrue(String what, Supplier<Object> state, BooleanSupplier condition) {
        long deadline = System.nanoTime()
                + READERS.retryDownAfter()
                        .plus(READERS.connectionTimeout())
                        .plus(REPLAY)
                        .toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("waited in vain for " + what + "; last seen: " + state.get());
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
