package dev.approuting.flyway.provision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.approuting.core.AppName;
import dev.approuting.core.CredentialsSource;
import dev.approuting.core.DbCredentials;
import dev.approuting.core.DbName;
import dev.approuting.core.support.ConnectOptions;
import dev.approuting.core.support.Connections;
import dev.approuting.fixtures.TestServers;
import dev.approuting.testkit.postgres.PostgresExtension;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The read-only login of {@code reader(true)}: reads every app table, now and later, and nothing else. */
class ReaderRoleIT {
    private static final DbName SHOP = DbName.of("readshop");

    @RegisterExtension
    static final PostgresExtension pg = PostgresExtension.of(TestServers.passwordAuthentication());

    private static DatabaseProvisioner.Builder provisioner(Path secrets) {
        return DatabaseProvisioner.configure(pg.jdbcUrl("postgres"), "postgres", "unused")
                .apps(AppName.listOf("orders", "billing"))
                .secretsDir(secrets)
                .reader(true);
    }

    @Test
    void readerReadsEveryAppTableIncludingLaterOnesAndCannotWriteCreateOrLeave(@TempDir Path secrets) throws Exception {
        InitDbResult first = provisioner(secrets).checkConnection(true).load().initDb(SHOP, "prod");
        assertThat(first.readers()).singleElement().satisfies(r -> {
            assertThat(r.role()).isEqualTo("readshop_prod_reader_0001");
            assertThat(r.secretName()).isEqualTo("prod-db-readshop-reader-creds");
            assertThat(r.reader()).isTrue();
            assertThat(r.credentials().setRole()).isNull();
        });
        assertThat(first.checksPassed()).isTrue();
        CredentialsSource source = CredentialsSource.mountedSecrets(secrets, "prod");
        DbCredentials writer = source.require(SHOP);
        DbCredentials reader = source.findReader(SHOP).orElseThrow();
        assertThat(reader.user()).isEqualTo("readshop_prod_reader_0001");

        // A migration as the service runs it: the writer login, SET ROLE to the owner.
        run(
                writer,
                "CREATE TABLE orders.items (id int PRIMARY KEY, name text)",
                "INSERT INTO orders.items VALUES (1, 'a')");
        try (Connection c = open(reader);
                Statement st = c.createStatement()) {
            assertThat(count(st, "SELECT count(*) FROM orders.items")).isEqualTo(1);
            assertDenied(st, "INSERT INTO orders.items VALUES (2, 'b')");
            assertDenied(st, "UPDATE orders.items SET name = 'x'");
            assertDenied(st, "DELETE FROM orders.items");
            assertDenied(st, "CREATE TABLE orders.mine (id int)");
            assertDenied(st, "CREATE TABLE public.mine (id int)");
            assertDenied(st, "CREATE TEMPORARY TABLE mine (id int)");
            assertDenied(st, "CREATE SCHEMA mine");
            assertDenied(st, "SET ROLE readshop_owner");
        }
        // A later migration's table is readable without running init-db again.
        run(writer, "CREATE TABLE billing.invoices (id int)", "INSERT INTO billing.invoices VALUES (7)");
        try (Connection c = open(reader);
                Statement st = c.createStatement()) {
            assertThat(count(st, "SELECT count(*) FROM billing.invoices")).isEqualTo(1);
        }

        // Another provisioned database is closed to it.
        provisioner(secrets).load().initDb(DbName.of("readother"), "prod");
        assertThatThrownBy(() -> open(reader.withDbname("readother")))
                .isInstanceOf(SQLException.class)
                .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("42501"));

        InitDbResult again = provisioner(secrets).load().initDb(SHOP, "prod");
        assertThat(again.changedNothing()).as(again.steps().toString()).isTrue();

        InitDbResult rotated =
                provisioner(secrets).rotate(true).retireOld(true).load().initDb(SHOP, "prod");
        assertThat(rotated.readers().get(0).role()).isEqualTo("readshop_prod_reader_0002");
        assertThat(rotated.dropped())
                .contains(
                        "reader login role readshop_prod_reader_0001 (namespace prod)",
                        "login role readshop_prod_0001 (namespace prod)");
        DbCredentials newReader = source.findReader(SHOP).orElseThrow();
        assertThat(newReader.user()).isEqualTo("readshop_prod_reader_0002");
        try (Connection c = open(newReader);
                Statement st = c.createStatement()) {
            assertThat(count(st, "SELECT count(*) FROM orders.items")).isEqualTo(1);
        }
    }

    private static Connection open(DbCredentials credentials) throws SQLException {
        return Connections.open(credentials, ConnectOptions.of("reader-test"));
    }

    private static void run(DbCredentials credentials, String... statements) throws SQLException {
        try (Connection c = open(credentials);
                Statement st = c.createStatement()) {
            for (String sql : statements) {
                st.execute(sql);
            }
        }
    }

    private static int count(Statement st, String sql) throws SQLException {
        try (ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static void assertDenied(Statement st, String sql) {
        assertThatThrownBy(() -> st.execute(sql))
                .as(sql)
                .isInstanceOf(SQLException.class)
                .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("42501"));
    }
}
