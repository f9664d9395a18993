package dev.approuting.benchmarks;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.approuting.core.AppName;
import dev.approuting.core.DbCredentials;
import dev.approuting.core.DbName;
import dev.approuting.core.DbRouterRegistry;
import dev.approuting.core.PerAppDbRouter;
import dev.approuting.core.PoolSettings;
import dev.approuting.core.RoutedDatabases;
import dev.approuting.core.metrics.RoutingMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.SQLDialect;
import org.jooq.Table;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * A select by primary key on embedded PostgreSQL, measured in pairs: each fork runs one {@link #pair}
 * of variants, and its state flips between the measured variant and its baseline before every
 * iteration (in the order baseline, measured, measured, baseline, …: {@link #measuredTurn}), so each
 * pair of adjacent iterations compares both under the same load, in the same JVM, with the same
 * compiled benchmark method. The harness ({@link Jmh#runPaired}) takes one ratio per pair of
 * iterations and a confidence interval over them ({@link Stats#pairedRatio}).
 *
 * <p>The variants: {@code dsl(app)} of {@link RoutedDatabases} (routing, search path, cross-app guard);
 * JDBC on {@code dataSourceFor(app)}; the same query with JDBC and with plain jOOQ on one plain
 * HikariCP pool; and {@code dsl(app)} with {@link RoutingMetrics} on (pool meters and query timing into
 * a Micrometer registry, as the Spring Boot starter configures it).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class RoutedQueryBenchmark {
    static final String DB = "bench_query";
    static final int ROWS = 1000;
    private static final AppName CATALOG = AppName.of("catalog");
    private static final Table<?> ITEM = DSL.table(DSL.name("item"));
    private static final Field<Long> ID = DSL.field(DSL.name("id"), Long.class);
    private static final Field<String> NAME = DSL.field(DSL.name("name"), String.class);
    private static final String SQL = "SELECT name FROM catalog.item WHERE id = ?";

    /**
     * The pair this run measures: {@code measured-vs-baseline}, variant names as the methods below; each
     * pair is one JMH run with its own forks.
     */
    @Param({
        "routedJooq-vs-plainJdbc",
        "routedJooq-vs-plainJooq",
        "routedJdbc-vs-plainJdbc",
        "routedJooqMetered-vs-routedJooq"
    })
    public String pair = "routedJooq-vs-plainJooq";

    private Supplier<@Nullable String> measured = () -> null;
    private Supplier<@Nullable String> baseline = () -> null;
    private boolean measuring;
    private int iteration;
    private @Nullable BenchServer server;
    private @Nullable RoutedDatabases routed;
    private @Nullable RoutedDatabases metered;
    private @Nullable HikariDataSource plain;
    private @Nullable DSLContext plainJooq;

    /** Creates the table, the routed databases and the plain pool. */
    @Setup
    public void setUp() {
        BenchServer s = BenchServer.fromPropertyOrStart();
        server = s;
        s.recreate(List.of(DB));
        s.execute(DB, "CREATE SCHEMA catalog");
        s.execute(DB, "CREATE TABLE catalog.item (id bigint PRIMARY KEY, name text NOT NULL)");
        s.execute(DB, "INSERT INTO catalog.item SELECT g, 'item ' || g FROM generate_series(1, " + ROWS + ") g");
        s.execute(DB, "VACUUM ANALYZE catalog.item");
        DbRouterRegistry registry = DbRouterRegistry.builder()
                .router(PerAppDbRouter.forDb(DB).apps("catalog").build())
                .service("bench/api", DB)
                .build();
        PoolSettings pool = PoolSettings.defaults();
        routed = RoutedDatabases.configure(registry.forService("bench/api"))
                .credentials(s.credentials(List.of(DbName.of(DB))))
                .poolSettings(pool)
                .credentialsCheckInterval(Duration.ZERO)
                .open();
        metered = RoutedDatabases.configure(registry.forService("bench/api"))
                .credentials(s.credentials(List.of(DbName.of(DB))))
                .poolSettings(pool)
                .credentialsCheckInterval(Duration.ZERO)
                .metrics(RoutingMetrics.of(new SimpleMeterRegistry()))
                .open();
        HikariDataSource plainPool = plainPool(s.credentials(DB), pool);
        plain = plainPool;
        plainJooq = DSL.using(plainPool, SQLDialect.POSTGRES, new Settings().withExecuteLogging(false));
        // open both pools before measuring
        String routedName = dsl().select(NAME).from(ITEM).where(ID.eq(7L)).fetchOne(NAME);
        String meteredName = require(metered)
                .dsl(CATALOG)
                .select(NAME)
                .from(ITEM)
                .where(ID.eq(7L))
                .fetchOne(NAME);
        if (!"item 7".equals(routedName) || !"item 7".equals(meteredName) || !"item 7".equals(jdbc(plainPool, 7))) {
            throw new IllegalStateException("the benchmark table does not hold the expected rows");
        }
    }

    /** Whether the iteration with this index (warm-up included, from 0) runs the measured variant. */
    static boolean measuredTurn(int iteration) {
        boolean secondOfPair = iteration % 2 == 1;
        boolean reversedPair = (iteration / 2) % 2 == 1;
        return secondOfPair != reversedPair;
    }

    /** Picks the variants of {@link #pair}. */
    @Setup(Level.Trial)
    public void choosePair() {
        String[] names = pair.split("-vs-", -1);
        if (names.length != 2) {
            throw new IllegalArgumentException("a pair is 'measured-vs-baseline', got '" + pair + "'");
        }
        measured = variant(names[0]);
        baseline = variant(names[1]);
    }

    /** Flips to the other variant of the pair before each iteration. */
    @Setup(Level.Iteration)
    public void flip() {
        measuring = measuredTurn(iteration++);
    }

    /** The query of this iteration's variant. */
    @Benchmark
    public @Nullable String query() {
        return measuring ? measured.get() : baseline.get();
    }

    private Supplier<@Nullable String> variant(String name) {
        return switch (name) {
            case "routedJooq" -> this::routedJooq;
            case "routedJooqMetered" -> this::routedJooqMetered;
            case "plainJdbc" -> this::plainJdbc;
            case "plainJooq" -> this::plainJooq;
            case "routedJdbc" -> this::routedJdbc;
            default -> throw new IllegalArgumentException("unknown variant '" + name + "'");
        };
    }

    /** Closes the pools (and the server when this fork started it). */
    @TearDown
    public void tearDown() {
        if (routed != null) {
            routed.close();
        }
        if (metered != null) {
            metered.close();
        }
        if (plain != null) {
            plain.close();
        }
        if (server != null) {
            server.close();
        }
    }

    /** The routed query: {@code dsl(app)} of the service. */
    @Nullable
    String routedJooq() {
        return dsl().select(NAME).from(ITEM).where(ID.eq(nextId())).fetchOne(NAME);
    }

    /** The routed query with metrics on: pool meters and a query timer per (app, db). */
    @Nullable
    String routedJooqMetered() {
        return require(metered)
                .dsl(CATALOG)
                .select(NAME)
                .from(ITEM)
                .where(ID.eq(nextId()))
                .fetchOne(NAME);
    }

    /** The baseline: the same query with JDBC on one plain HikariCP pool. */
    @Nullable
    String plainJdbc() {
        return jdbc(require(plain), nextId());
    }

    /** The same query with jOOQ on the plain pool, schema-qualified: jOOQ's own share. */
    @Nullable
    String plainJooq() {
        return require(plainJooq)
                .select(NAME)
                .from(DSL.table(DSL.name("catalog", "item")))
                .where(ID.eq(nextId()))
                .fetchOne(NAME);
    }

    /** JDBC on the routed pool: {@code dataSourceFor(app)}, for code that does not use jOOQ. */
    @Nullable
    String routedJdbc() {
        return jdbc(require(routed).dataSourceFor(CATALOG), nextId());
    }

    private DSLContext dsl() {
        return require(routed).dsl(CATALOG);
    }

    private static @Nullable String jdbc(DataSource source, long id) {
        try (Connection c = source.getConnection();
                PreparedStatement statement = c.prepareStatement(SQL)) {
            statement.setLong(1, id);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? rows.getString(1) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long nextId() {
        return ThreadLocalRandom.current().nextLong(1, ROWS + 1);
    }

    /** A pool configured as core's pool of one database is, without routing. */
    static HikariDataSource plainPool(DbCredentials credentials, PoolSettings settings) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("plain-" + credentials.dbname());
        config.setJdbcUrl(credentials.jdbcUrl());
        config.setUsername(credentials.user());
        config.setPassword(credentials.password());
        settings.applyTo(config);
        return new HikariDataSource(config);
    }

    private static <T> T require(@Nullable T value) {
        if (value == null) {
            throw new IllegalStateException("set up did not run");
        }
        return value;
    }
}
