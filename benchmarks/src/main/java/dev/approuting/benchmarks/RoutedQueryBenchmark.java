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
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
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
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * A select by primary key on embedded PostgreSQL: through {@code dsl(app)} of {@link RoutedDatabases}
 * (routing, search path, cross-app guard) against the same query through one plain HikariCP pool,
 * with plain JDBC (the baseline) and with plain jOOQ (which isolates what routing adds).
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

    private @Nullable BenchServer server;
    private @Nullable RoutedDatabases routed;
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
        HikariDataSource plainPool = plainPool(s.credentials(DB), pool);
        plain = plainPool;
        plainJooq = DSL.using(plainPool, SQLDialect.POSTGRES, new Settings().withExecuteLogging(false));
        // open both pools before measuring
        String routedName = dsl().select(NAME).from(ITEM).where(ID.eq(7L)).fetchOne(NAME);
        if (!"item 7".equals(routedName) || !"item 7".equals(jdbc(plainPool, 7))) {
            throw new IllegalStateException("the benchmark table does not hold the expected rows");
        }
    }

    /** Closes the pools (and the server when this fork started it). */
    @TearDown
    public void tearDown() {
        if (routed != null) {
            routed.close();
        }
        if (plain != null) {
            plain.close();
        }
        if (server != null) {
            server.close();
        }
    }

    /** The routed query: {@code dsl(app)} of the service. */
    @Benchmark
    public @Nullable String routedJooq() {
        return dsl().select(NAME).from(ITEM).where(ID.eq(nextId())).fetchOne(NAME);
    }

    /** The baseline: the same query with JDBC on one plain HikariCP pool. */
    @Benchmark
    public @Nullable String plainJdbc() {
        return jdbc(require(plain), nextId());
    }

    /** The same query with jOOQ on the plain pool, schema-qualified: jOOQ's own share. */
    @Benchmark
    public @Nullable String plainJooq() {
        return require(plainJooq)
                .select(NAME)
                .from(DSL.table(DSL.name("catalog", "item")))
                .where(ID.eq(nextId()))
                .fetchOne(NAME);
    }

    /** JDBC on the routed pool: {@code dataSourceFor(app)}, for code that does not use jOOQ. */
    @Benchmark
    public @Nullable String routedJdbc() {
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
