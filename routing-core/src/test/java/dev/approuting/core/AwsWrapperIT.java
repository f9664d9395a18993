package dev.approuting.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.SQLExceptionOverride;
import dev.approuting.testkit.postgres.PostgresExtension;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.jdbc.ds.AwsWrapperDataSource;
import software.amazon.jdbc.plugin.failover.FailoverSuccessSQLException;
import software.amazon.jdbc.plugin.failover.TransactionStateUnknownSQLException;
import software.amazon.jdbc.util.HikariCPSQLException;

/**
 * The AWS Advanced JDBC Wrapper (an optional dependency) under approuting's pools, against plain
 * PostgreSQL: the configuration that matters works. Failover itself needs an Aurora cluster and is not
 * tested here.
 */
class AwsWrapperIT {
    private static final DbName SHOP = DbName.of("aws_shop");
    private static final AppName ORDERS = AppName.of("orders");

    @RegisterExtension
    static final PostgresExtension pg = PostgresExtension.embedded();

    @BeforeAll
    static void database() {
        pg.execute("postgres", "CREATE DATABASE aws_shop");
        pg.execute("aws_shop", "CREATE SCHEMA orders", "CREATE TABLE orders.item (id int PRIMARY KEY)");
    }

    /** The wrapper as a DataSource, with the failover and enhanced failure monitoring plugins. */
    private static AwsWrapperDataSource wrapper(String clusterId) {
        AwsWrapperDataSource ds = new AwsWrapperDataSource();
        ds.setJdbcProtocol("jdbc:postgresql:");
        ds.setTargetDataSourceClassName("org.postgresql.ds.PGSimpleDataSource");
        ds.setServerName(pg.host());
        ds.setServerPort(String.valueOf(pg.port()));
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
            assertThat(dbs.reading(ORDERS).fetchValue("SELECT count(*) FROM item"))
                    .isEqualTo(1L);
            try (Connection c = dbs.dataSource(SHOP).getConnection()) {
                assertThat(c.isWrapperFor(software.amazon.jdbc.wrapper.ConnectionWrapper.class))
                        .as("the pool's connections are the wrapper's")
                        .isTrue();
            }
        }
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
}
