package dev.approuting.flyway.provision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.approuting.core.AppName;
import dev.approuting.core.DbCredentials;
import dev.approuting.core.DbName;
import dev.approuting.fixtures.TestServers;
import dev.approuting.testkit.postgres.PostgresExtension;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What a login role made by init-db can and cannot do, on a server that checks passwords. */
class LeastPrivilegeIT {
    @RegisterExtension
    static final PostgresExtension pg = PostgresExtension.of(TestServers.passwordAuthentication());

    private static DbCredentials alpha;
    private static DbCredentials beta;

    @BeforeAll
    static void provision() throws Exception {
        alpha = provision("alpha", "catalog");
        beta = provision("beta", "ledger");
    }

    private static DbCredentials provision(String db, String app) {
        return DatabaseProvisioner.configure(pg.jdbcUrl("postgres"), "postgres", "unused")
                .apps(AppName.listOf(app))
                .load()
                .initDb(DbName.of(db), "prod")
                .logins()
                .get(0)
                .credentials();
    }

    private static Connection login(DbCredentials creds, String db) throws SQLException {
        return TestServers.connect(pg, db, creds.user(), creds.password());
    }

    @Test
    void loginRoleConnectsToItsOwnDatabaseOnly() throws Exception {
        try (Connection own = login(alpha, "alpha")) {
            assertThat(own.isValid(1)).isTrue();
        }
        assertThatThrownBy(() -> login(alpha, "beta"))
                .isInstanceOfSatisfying(
                        SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("42501"))
                .hasMessageContaining("permission denied for database \"beta\"");
        assertThatThrownBy(() -> login(beta, "alpha"))
                .isInstanceOfSatisfying(
                        SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("42501"));
    }

    @Test
    void wrongPasswordIsRefused() {
        assertThatThrownBy(() -> login(alpha.withPassword(alpha.password() + "x"), "alpha"))
                .isInstanceOfSatisfying(
                        SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("28P01"));
    }

    @Test
    void loginRoleCannotCreateRolesOrDatabasesEvenAfterSetRole() throws Exception {
        try (Connection c = login(alpha, "alpha");
                Statement st = c.createStatement()) {
            assertNotPermitted(st, "CREATE ROLE intruder", "CREATE DATABASE intruder");
            st.execute("SET ROLE alpha_owner");
            assertNotPermitted(st, "CREATE ROLE intruder", "CREATE DATABASE intruder", "SET ROLE beta_owner");
        }
    }

    @Test
    void loginRoleCreatesTablesInItsAppsSchemasOnlyAfterSetRoleAndTheyBelongToTheOwner() throws Exception {
        try (Connection c = login(alpha, "alpha");
                Statement st = c.createStatement()) {
            assertNotPermitted(
                    st,
                    "CREATE TABLE catalog.before_set_role (id integer)",
                    "CREATE TABLE public.before_set_role (id integer)",
                    "CREATE TEMPORARY TABLE before_set_role (id integer)");

            st.execute("SET ROLE alpha_owner");
            st.execute("CREATE TABLE catalog.item (id integer PRIMARY KEY)");
            st.execute("INSERT INTO catalog.item VALUES (1)");

            try (ResultSet rs = st.executeQuery(
                    "SELECT tableowner, current_user, session_user FROM pg_tables WHERE schemaname = 'catalog'"
                            + " AND tablename = 'item'")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("alpha_owner");
                assertThat(rs.getString(2)).isEqualTo("alpha_owner");
                assertThat(rs.getString(3)).isEqualTo("alpha_prod_0001");
            }
        }
    }

    /** Asserts that each of {@code statements} fails with insufficient_privilege (42501). */
    private static void assertNotPermitted(Statement st, String... statements) {
        for (String sql : statements) {
            assertSqlState(st, sql, "42501");
        }
    }

    private static void assertSqlState(Statement st, String sql, String state) {
        assertThatThrownBy(() -> st.execute(sql))
                .as(sql)
                .isInstanceOfSatisfying(
                        SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo(state));
    }
}
