package dev.approuting.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.SQLExceptionOverride;
import dev.approuting.testkit.postgres.PostgresExtension;
import dev.approuting.testkit.postgres.PostgresStandby;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.jooq.DSLContext;
import org.jooq.Record2;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.jdbc.ds.AwsWrapperDataSource;
import software.amazon.jdbc.plugin.failover.FailoverSuccessSQLException;
import software.amazon.jdbc.plugin.failover.TransactionStateUnknownSQLException;
import software.amazon.jdbc.util.HikariCPSQLException;
import software.amazon.jdbc.wrapper.ConnectionWrapper;

/**
 * The AWS Advanced JDBC Wrapper (an optional dependency) under approuting's pools, against plain
 * PostgreSQL and a real streaming standby: the configuration that matters works, for writer and reader
 * pools, and the pools' exception override is the one HikariCP consults. Failover itself needs an Aurora
 * cluster and is not tested here.
 */
class AwsWrapperIT {
    /** Generous bound for a standby on a loaded 2-core machine to replay a few records. */
    private static final Duration REPLAY = Duration.ofSeconds(30);

    private static final DbName SHOP = DbName.of("aws_shop");
    private static final AppName ORDERS = AppName.of("orders");
    /** SQLState feature_not_supported: HikariCP evicts a connection that raised it, unless an override says not to. */
    private static final String EVICTING_STATE = "0A000";

    @RegisterExtension
    static final PostgresExtension pg = PostgresExtension.embedded();

    private static PostgresStandby standby;

    @BeforeAll
    static void database() {
        pg.execute("postgres", "CREATE DATABASE aws_shop");
        pg.execute(
                "aws_shop",
                "CREATE SCHEMA orders",
                "CREATE TABLE orders.item (id int PRIMARY KEY)",
                "CREATE FUNCTION orders.fail(state text) RETURNS int LANGUAGE plpgsql AS"
                        + " $$BEGIN RAISE EXCEPTION 'failing on purpose' USING ERRCODE = state; END$$");
        standby = pg.startStandby();
    }

    @AfterAll
    static void closeStandby() {
        standby.close();
    }

    /** Keeps connections that raised {@link #EVICTING_STATE}; HikariCP's own rule for the rest. */
    public static final class KeepOnFeatureNotSupported implements SQLExceptionOverride {
        @java.lang.Override
        public Override adjudicate(SQLException e) {
            return EVICTING_STATE.equals(e.getSQLState()) ? Override.DO_NOT_EVICT : Override.CONTINUE_EVICT;
        }
    }

    private static ServiceRouting routing() {
        return DbRouterRegistry.builder()
                .router(PerAppDbRouter.forDb(SHOP.value()).apps(ORDERS.value()).build())
                .service("shop/api", SHOP.value())
                .build()
                .forService("shop/api");
    }

    /** The shop's writer on the primary and its reader on the standby, with {@code settings} for both pools. */
    private static RoutedDatabases open(PoolSettings settings) {
        return RoutedDatabases.configure(routing())
                .credentials(CredentialsSource.of(
                        Map.of(SHOP, DbCredentials.of(pg.host(), pg.port(), SHOP.value(), pg.user(), pg.password())),
                        Map.of(
                                SHOP,
                                DbCredentials.of(
                                        standby.host(), standby.port(), SHOP.value(), pg.user(), pg.password()))))
                .credentialsCheckInterval(Duration.ZERO)
                .poolSettings(SHOP, settings)
                .open();
    }

    /**
     * Whether the connection that raised {@code state} through {@code dsl} is the one its next statement gets
     * (in a pool of one connection), each statement served by the standby or not as {@code onReplica} says.
     */
    private static boolean keptAfterFailing(DSLContext dsl, String state, boolean onReplica) {
        int before = backend(dsl, onReplica);
        assertThatThrownBy(() -> dsl.fetchValue("SELECT orders.fail('" + state + "')"))
                .hasStackTraceContaining("failing on purpose");
        return backend(dsl, onReplica) == before;
    }

    private static int backend(DSLContext dsl, boolean onReplica) {
        Record2<Integer, Boolean> r = dsl.select(
                        DSL.field("pg_backend_pid()", Integer.class), DSL.field("pg_is_in_recovery()", Boolean.class))
                .fetchSingle();
        assertThat(r.value2())
                .as(onReplica ? "served by the standby" : "served by the primary")
                .isEqualTo(onReplica);
        return r.value1();
    }

    /** The wrapper as a DataSource, with the failover and enhanced failure monitoring plugins. */
    private static AwsWrapperDataSource wrapper(String clusterId) {
        return wrapper(pg.host(), pg.port(), clusterId);
    }

    private static AwsWrapperDataSource wrapper(String host, int port, String clusterId) {
        AwsWrapperDataSource ds = new AwsWrapperDataSource();
        ds.setJdbcProtocol("jdbc:postgresql:");
        ds.setTargetDataSourceClassName("org.postgresql.ds.PGSimpleDataSource");
        ds.setServerName(host);
        ds.setServerPort(String.valueOf(port));
        ds.setDatabase(SHOP.value());
        Properties properties = new Properties();
        properties.setProperty("wrapperPlugins", "failover,efm2");
        properties.setProperty("clusterId", clusterId);
        ds.setTargetDataSourceProperties(properties);
        return ds;
    }

    @Test
    void aRoutedPoolRunsThroughTheWrapper() throws SQLException {
        ServiceRouting routing = DbRouterRegistry.builder()
                .router(PerAppDbRouter.forDb(SHOP.value()).apps(ORDERS.value()).build())
                .service("shop/api", SHOP.value())
                .build()
                .forService("shop/api");
        try (RoutedDatabases dbs = RoutedDatabases.configure(routing)
                .credentials(CredentialsSource.of(
                        Map.of(SHOP, DbCredentials.of(pg.host(), pg.port(), SHOP.value(), pg.user(), pg.password()))))
                .connectionSource(SHOP, wrapper("shop-cluster"))
                .open()) {
            dbs.transaction(ORDERS, tx -> tx.execute("INSERT INTO item VALUES (1)"));
            assertThat(dbs.reading(ORDERS).fetchValue("SELECT count(*) FROM item WHERE id = 1"))
                    .isEqualTo(1L);
            try (Connection c = dbs.dataSource(SHOP).getConnection()) {
                assertThat(c.isWrapperFor(software.amazon.jdbc.wrapper.ConnectionWrapper.class))
                        .as("the pool's connections are the wrapper's")
                        .isTrue();
            }
        }
    }

    @Test
    void aReaderPoolTakesItsConnectionsFromAGivenSourceAsTheWriterPoolDoes() throws SQLException {
        try (RoutedDatabases dbs = RoutedDatabases.configure(routing())
                .credentials(CredentialsSource.of(
                        Map.of(SHOP, DbCredentials.of(pg.host(), pg.port(), SHOP.value(), pg.user(), pg.password())),
                        Map.of(
                                SHOP,
                                DbCredentials.of(
                                        standby.host(), standby.port(), SHOP.value(), pg.user(), pg.password()))))
                .credentialsCheckInterval(Duration.ZERO)
                .connectionSource(SHOP, wrapper("shop-sources"))
                .readerConnectionSource(SHOP, wrapper(standby.host(), standby.port(), "shop-sources"))
                .open()) {
            standby.awaitReplay(REPLAY);
            boolean readerWrapped = dbs.reading(ORDERS)
                    .connectionResult(c -> c.isWrapperFor(ConnectionWrapper.class)
                            && DSL.using(c).fetchValue(DSL.field("pg_is_in_recovery()", Boolean.class)));
            assertThat(readerWrapped)
                    .as("the reader pool's connections come from the given source, on the standby")
                    .isTrue();
            assertThat(dbs.health(SHOP).reader())
                    .hasValueSatisfying(r -> assertThat(r.replicaReads()).isGreaterThanOrEqualTo(1));
        }
        assertThatThrownBy(() -> RoutedDatabases.configure(routing())
                        .credentials(CredentialsSource.of(Map.of()))
                        .readerConnectionSource(DbName.of("people"), wrapper("shop-sources"))
                        .open())
                .isInstanceOf(RoutingException.class)
                .hasMessageContaining("database 'people', which service 'shop/api' does not declare");
    }

    @Test
    void hikariKeepsItsConnectionsWhenTheWrapperReportsAFailover() throws SQLException {
        HikariConfig config = new HikariConfig();
        config.setPoolName("db-aws_shop");
        config.setJdbcUrl("jdbc:aws-wrapper:postgresql://" + pg.host() + ":" + pg.port() + "/" + SHOP.value());
        config.setUsername(pg.user());
        config.setPassword(pg.password());
        config.setExceptionOverrideClassName(HikariCPSQLException.class.getName());
        config.addDataSourceProperty("wrapperPlugins", "failover,efm2");
        config.addDataSourceProperty("clusterId", "shop-cluster");
        try (HikariDataSource pool = new HikariDataSource(config);
                Connection c = pool.getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT current_database()")) {
            rs.next();
            assertThat(rs.getString(1)).isEqualTo(SHOP.value());
        }
        HikariCPSQLException override = new HikariCPSQLException();
        // The failover plugin reports a failover to a new writer (SQLState 08S02) and one inside a
        // transaction (08007, the caller retries it) with these types: neither may make HikariCP evict.
        assertThat(override.adjudicate(new FailoverSuccessSQLException("failed over")))
                .isEqualTo(SQLExceptionOverride.Override.DO_NOT_EVICT);
        assertThat(override.adjudicate(new TransactionStateUnknownSQLException("transaction resolution unknown")))
                .isEqualTo(SQLExceptionOverride.Override.DO_NOT_EVICT);
        assertThat(override.adjudicate(new SQLException("connection lost", "08006")))
                .as("a plain connection loss still evicts")
                .isEqualTo(SQLExceptionOverride.Override.CONTINUE_EVICT);
    }

    @Test
    void theExceptionOverrideIsWhatTheWriterAndReaderPoolsConsult() {
        PoolSettings one = PoolSettings.defaults().withMaximumPoolSize(1);
        try (RoutedDatabases dbs = open(one)) {
            standby.awaitReplay(REPLAY);
            assertThat(keptAfterFailing(dbs.dsl(ORDERS), EVICTING_STATE, false))
                    .as("without an override HikariCP evicts the writer connection that raised " + EVICTING_STATE)
                    .isFalse();
            assertThat(keptAfterFailing(dbs.reading(ORDERS), EVICTING_STATE, true))
                    .as("and the reader connection")
                    .isFalse();
        }
        try (RoutedDatabases dbs = open(one.withExceptionOverride(KeepOnFeatureNotSupported.class))) {
            assertThat(keptAfterFailing(dbs.dsl(ORDERS), EVICTING_STATE, false))
                    .as("the override keeps the writer connection")
                    .isTrue();
            assertThat(keptAfterFailing(dbs.reading(ORDERS), EVICTING_STATE, true))
                    .as("the override keeps the reader connection")
                    .isTrue();
            assertThat(keptAfterFailing(dbs.dsl(ORDERS), "57P01", false))
                    .as("a state the override leaves to HikariCP still evicts")
                    .isFalse();
        }
    }

    @Test
    void poolSettingsSendTheWriterAndReaderPoolsThroughTheWrapper() throws SQLException {
        // As the README shows it:
        PoolSettings settings =
                PoolSettings.defaults().withAwsWrapper(AwsWrapper.failover().withClusterId("shop-aurora"));
        assertThat(settings.effectiveExceptionOverride())
                .as("a pool through the wrapper gets the wrapper's override unless told otherwise")
                .isEqualTo(HikariCPSQLException.class);
        try (RoutedDatabases dbs = open(settings.withMaximumPoolSize(2))) {
            dbs.transaction(ORDERS, tx -> tx.execute("INSERT INTO item VALUES (2)"));
            assertThat(dbs.reading(ORDERS).fetchValue("SELECT count(*) FROM item WHERE id = 2"))
                    .as("read-your-writes through the wrapper")
                    .isEqualTo(1L);
            standby.awaitReplay(REPLAY);
            boolean writerWrapped = dbs.dsl(ORDERS).connectionResult(c -> c.isWrapperFor(ConnectionWrapper.class));
            boolean readerWrapped = dbs.reading(ORDERS)
                    .connectionResult(c -> c.isWrapperFor(ConnectionWrapper.class)
                            && DSL.using(c).fetchValue(DSL.field("pg_is_in_recovery()", Boolean.class)));
            assertThat(writerWrapped)
                    .as("the writer pool's connections are the wrapper's")
                    .isTrue();
            assertThat(readerWrapped)
                    .as("the reader pool's connections are the wrapper's, on the standby")
                    .isTrue();
            assertThat(dbs.health(SHOP).reader()).hasValueSatisfying(r -> {
                assertThat(r.pool().name()).isEqualTo("db-aws_shop-reader");
                assertThat(r.replicaReads()).isGreaterThanOrEqualTo(1);
            });
        }
    }

    @Test
    void theWrapperRefusesReadSplittingAndBadNames() {
        assertThatThrownBy(() -> AwsWrapper.plugins("failover", "readWriteSplitting"))
                .isInstanceOf(RoutingException.class)
                .hasMessageContaining("'readWriteSplitting'")
                .hasMessageContaining("reading(app)");
        assertThatThrownBy(() -> AwsWrapper.plugins("failover,iam"))
                .hasMessageContaining("'failover,iam' is not a wrapper plugin code");
        assertThatThrownBy(() -> AwsWrapper.failover().withClusterId("a b")).hasMessageContaining("clusterId 'a b'");
        assertThatThrownBy(() -> PoolSettings.defaults().withExceptionOverride(SQLExceptionOverride.class))
                .isInstanceOf(RoutingException.class)
                .hasMessageContaining("exceptionOverride com.zaxxer.hikari.SQLExceptionOverride must be a public"
                        + " concrete class");
    }
}
