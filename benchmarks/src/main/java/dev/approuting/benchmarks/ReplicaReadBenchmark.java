package dev.approuting.benchmarks;

import com.zaxxer.hikari.HikariDataSource;
import dev.approuting.core.AppName;
import dev.approuting.core.ConsistencyToken;
import dev.approuting.core.DbName;
import dev.approuting.core.PoolSettings;
import dev.approuting.core.ReaderSettings;
import dev.approuting.core.RoutedDatabases;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.SQLDialect;
import org.jooq.Table;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * A select by primary key on a caught-up streaming standby: through {@code reading(app)} with a fresh
 * consistency token (the replay-position check, cached per server for {@link
 * ReaderSettings#replayCheckEvery()}, plus routing, search path and guard) against the same query with
 * plain jOOQ on one plain HikariCP pool of the standby. Each fork starts its own primary and standby.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class ReplicaReadBenchmark {
    private static final AppName CATALOG = AppName.of("catalog");
    private static final Table<?> ITEM = DSL.table(DSL.name("item"));
    private static final Table<?> QUALIFIED = DSL.table(DSL.name("catalog", "item"));
    private static final Field<Long> ID = DSL.field(DSL.name("id"), Long.class);
    private static final Field<String> NAME = DSL.field(DSL.name("name"), String.class);

    private @Nullable ReplicaSetup setup;
    private @Nullable RoutedDatabases routed;
    private @Nullable HikariDataSource plain;
    private @Nullable DSLContext plainJooq;
    private ConsistencyToken token = ConsistencyToken.none();

    /** Starts the primary and its standby, writes once for a token, waits for replay, opens the pools. */
    @Setup
    public void setUp() {
        ReplicaSetup s = new ReplicaSetup();
        setup = s;
        RoutedDatabases dbs = s.open(ReaderSettings.defaults());
        routed = dbs;
        dbs.transaction(CATALOG, tx -> tx.execute("UPDATE item SET name = 'item 1' WHERE id = 1"));
        token = dbs.token();
        if (token.position(DbName.of(ReplicaSetup.DB)).isEmpty()) {
            throw new IllegalStateException("a committed write left no position in the token: " + token);
        }
        s.standby.awaitReplay(ReplicaSetup.REPLAY);
        HikariDataSource pool = RoutedQueryBenchmark.plainPool(s.readerCredentials(), PoolSettings.defaults());
        plain = pool;
        plainJooq = DSL.using(pool, SQLDialect.POSTGRES, new Settings().withExecuteLogging(false));
        if (!"item 7".equals(tokenRead(7)) || !"item 7".equals(plainReplicaJooq(7))) {
            throw new IllegalStateException("the benchmark table does not hold the expected rows");
        }
        Boolean onReplica = dbs.withToken(
                token, () -> dbs.reading(CATALOG).fetchValue(DSL.field("pg_is_in_recovery()", Boolean.class)));
        if (!Boolean.TRUE.equals(onReplica)) {
            throw new IllegalStateException("a read with a replayed token did not reach the standby");
        }
    }

    /** Closes the pools, the standby and the primary. */
    @TearDown
    public void tearDown() {
        if (routed != null) {
            routed.close();
        }
        if (plain != null) {
            plain.close();
        }
        if (setup != null) {
            setup.close();
        }
    }

    /** {@code reading(app)} under a request's token the standby has replayed: the replica path. */
    @Benchmark
    public @Nullable String tokenRead() {
        return tokenRead(nextId());
    }

    private @Nullable String tokenRead(long id) {
        RoutedDatabases dbs = require(routed);
        return dbs.withToken(
                token,
                () -> dbs.reading(CATALOG)
                        .select(NAME)
                        .from(ITEM)
                        .where(ID.eq(id))
                        .fetchOne(NAME));
    }

    /** The baseline: plain jOOQ, schema-qualified, on one plain HikariCP pool of the standby. */
    @Benchmark
    public @Nullable String plainReplicaJooq() {
        return plainReplicaJooq(nextId());
    }

    private @Nullable String plainReplicaJooq(long id) {
        return require(plainJooq).select(NAME).from(QUALIFIED).where(ID.eq(id)).fetchOne(NAME);
    }

    private static long nextId() {
        return ThreadLocalRandom.current().nextLong(1, ReplicaSetup.ROWS + 1);
    }

    private static <T> T require(@Nullable T value) {
        if (value == null) {
            throw new IllegalStateException("set up did not run");
        }
        return value;
    }
}
