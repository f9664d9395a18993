package dev.approuting.compat;

import static dev.approuting.compat.CompatibilityRun.single;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.approuting.core.DbCredentials;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * init-db for two logical databases gives the same least-privilege result on every version, although
 * PostgreSQL 15 changed the public schema: before 15 it belongs to the bootstrap superuser and
 * {@code PUBLIC} may create in it; from 15 it belongs to {@code pg_database_owner} and {@code PUBLIC}
 * may not.
 */
@Check("provisioning")
class ProvisioningIT {
    private static Fleet fleet;
    private static CompatibilityRun run;

    @BeforeAll
    static void provision(CompatibilityRun compatibilityRun) throws SQLException {
        run = compatibilityRun;
        try (Connection c = run.connect("template1")) {
            run.results()
                    .difference(
                            "public-schema-default",
                            "owner "
                                    + single(
                                            c,
                                            "SELECT pg_get_userbyid(nspowner) FROM pg_namespace WHERE nspname = 'public'")
                                    + "; CREATE: PUBLIC "
                                    + yesNo(single(c, "SELECT has_schema_privilege('public', 'public', 'CREATE')")));
        }
        fleet = Fleet.provision(run, "prov");
    }

    private static String yesNo(String bool) {
        return "t".equals(bool) || "true".equals(bool) ? "yes" : "no";
    }

    @Test
    void createsTheOwnerAndOneLoginRolePerDatabase() throws SQLException {
        assertThat(fleet.result(fleet.shop).created())
                .contains("role provshop_owner", "database provshop", "schema orders", "schema billing");
        assertThat(fleet.login(fleet.shop).user()).isEqualTo("provshop_prod_0001");
        assertThat(fleet.login(fleet.people).user()).isEqualTo("provpeople_prod_0001");
        try (Connection c = run.connect("postgres")) {
            assertThat(single(
                            c,
                            "SELECT string_agg(rolname || ':' || rolcanlogin || ':' || rolinherit, ',' ORDER BY rolname)"
                                    + " FROM pg_roles WHERE rolname LIKE 'provshop%'"))
                    .isEqualTo("provshop_owner:false:true,provshop_prod_0001:true:false");
        }
    }

    @Test
    void eachLoginConnectsToItsOwnDatabaseOnly() throws SQLException {
        DbCredentials shop = fleet.login(fleet.shop);
        try (Connection own = CompatibilityRun.connect(shop)) {
            assertThat(own.isValid(1)).isTrue();
        }
        assertThatThrownBy(() -> CompatibilityRun.connect(shop.withDbname(fleet.people.value())))
                .isInstanceOfSatisfying(
                        SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("42501"));
        assertThatThrownBy(
                        () -> CompatibilityRun.connect(fleet.login(fleet.people).withDbname(fleet.shop.value())))
                .isInstanceOfSatisfying(
                        SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("42501"));
    }

    @Test
    void createsTablesOnlyAfterSetRoleAndTheOwnerOwnsThem() throws SQLException {
        try (Connection c = CompatibilityRun.connect(fleet.login(fleet.shop));
                Statement st = c.createStatement()) {
            assertSqlState(st, "CREATE TABLE orders.before_set_role (id integer)", "42501");
            assertSqlState(st, "CREATE TABLE public.before_set_role (id integer)", "42501");
            st.execute("SET ROLE provshop_owner");
            st.execute("CREATE TABLE orders.line (id integer PRIMARY KEY)");
            assertThat(single(c, "SELECT tableowner FROM pg_tables WHERE schemaname = 'orders' AND tablename = 'line'"))
                    .isEqualTo("provshop_owner");
            assertSqlState(st, "SET ROLE provpeople_owner", "42501");
        }
    }

    @Test
    void initDbRevokesCreateOnPublicWhereTheServerStillGrantsIt() {
        String revoked = "CREATE on schema public revoked from PUBLIC";
        if (run.major() >= 15) {
            assertThat(fleet.result(fleet.shop).present()).contains(revoked);
        } else {
            assertThat(fleet.result(fleet.shop).changed()).contains(revoked);
        }
    }

    @Test
    void publicSchemaGivesNoCreateToPublicOnEveryVersion() throws SQLException {
        try (Connection c = run.connect(fleet.shop.value())) {
            assertThat(single(c, "SELECT has_schema_privilege('public', 'public', 'CREATE')"))
                    .isEqualTo("f");
            assertThat(single(c, "SELECT has_schema_privilege('provshop_prod_0001', 'public', 'CREATE')"))
                    .isEqualTo("f");
            assertThat(single(c, "SELECT has_database_privilege('public', current_database(), 'CONNECT')"))
                    .isEqualTo("f");
            assertThat(single(c, "SELECT has_database_privilege('public', current_database(), 'TEMPORARY')"))
                    .isEqualTo("f");
            String ownerCreates = single(c, "SELECT has_schema_privilege('provshop_owner', 'public', 'CREATE')");
            run.results()
                    .difference(
                            "public-schema-provisioned",
                            "owner "
                                    + single(
                                            c,
                                            "SELECT pg_get_userbyid(nspowner) FROM pg_namespace WHERE nspname = 'public'")
                                    + "; CREATE: PUBLIC no, owner role " + yesNo(ownerCreates));
        }
    }

    private static void assertSqlState(Statement st, String sql, String state) {
        assertThatThrownBy(() -> st.execute(sql))
                .as(sql)
                .isInstanceOfSatisfying(
                        SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo(state));
    }
}
