package dev.approuting.flyway.provision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.approuting.core.AppName;
import dev.approuting.core.CredentialsSource;
import dev.approuting.core.DbCredentials;
import dev.approuting.core.DbName;
import dev.approuting.core.ErrorCode;
import dev.approuting.core.RoutingException;
import dev.approuting.fixtures.TestServers;
import dev.approuting.testkit.postgres.PostgresExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class DatabaseProvisionerIT {
    @RegisterExtension
    static final PostgresExtension pg = PostgresExtension.of(TestServers.passwordAuthentication());

    @TempDir
    Path secrets;

    private DatabaseProvisioner.Builder provisioner() {
        return DatabaseProvisioner.configure(pg.jdbcUrl("postgres"), "postgres", "unused")
                .secretsDir(secrets);
    }

    @Test
    void createsDatabaseRolesSchemasAndSecretsThenASecondRunCreatesNothing(@TempDir Path manifests) throws Exception {
        DbName shop = DbName.of("shop");
        DatabaseProvisioner provisioner = provisioner()
                .apps(AppName.listOf("orders", "billing"))
                .manifestsDir(manifests)
                .connectionLimit(7)
                .load();
        InitDbResult first = provisioner.initDb(shop, "prod", "staging-eu");

        assertThat(first.ownerRole()).isEqualTo("shop_owner");
        assertThat(first.created())
                .contains(
                        "role shop_owner",
                        "database shop",
                        "schema orders",
                        "schema billing",
                        "login role shop_prod_0001 (namespace prod)",
                        "login role shop_staging_eu_0001 (namespace staging-eu)");
        assertThat(first.logins())
                .extracting(NamespaceLogin::role)
                .containsExactly("shop_prod_0001", "shop_staging_eu_0001");
        assertThat(first.logins()).allMatch(NamespaceLogin::newPassword);

        assertThat(query("postgres", "SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = 'shop'"))
                .containsExactly("shop_owner");
        assertThat(query(
                        "shop",
                        "SELECT nspname || '=' || pg_get_userbyid(nspowner) FROM pg_namespace"
                                + " WHERE nspname IN ('orders', 'billing') ORDER BY 1"))
                .containsExactly("billing=shop_owner", "orders=shop_owner");
        assertThat(
                        query(
                                "postgres",
                                "SELECT rolname || ' login=' || rolcanlogin || ' inherit=' || rolinherit || ' limit=' || rolconnlimit"
                                        + " || ' scram=' || coalesce(rolpassword LIKE 'SCRAM-SHA-256$%', false) || ' createrole=' || rolcreaterole"
                                        + " || ' createdb=' || rolcreatedb FROM pg_authid WHERE rolname LIKE 'shop%' ORDER BY 1"))
                .containsExactly(
                        "shop_owner login=false inherit=true limit=-1 scram=false createrole=false createdb=false",
                        "shop_prod_0001 login=true inherit=false limit=7 scram=true createrole=false createdb=false",
                        "shop_staging_eu_0001 login=true inherit=false limit=7 scram=true createrole=false createdb=false");
        assertThat(query("postgres", "SELECT has_database_privilege('public', 'shop', 'CONNECT')::text"))
                .containsExactly("false");

        DbCredentials prod = CredentialsSource.mountedSecrets(secrets, "prod").require(shop);
        assertThat(prod.user()).isEqualTo("shop_prod_0001");
        assertThat(prod.setRole()).isEqualTo("shop_owner");
        assertThat(prod.dbname()).isEqualTo("shop");
        assertThat(prod.port()).isEqualTo(pg.port());
        assertThat(prod.password())
                .hasSizeGreaterThanOrEqualTo(32)
                .isEqualTo(first.logins().get(0).credentials().password());
        assertThat(Files.readString(manifests.resolve("staging-eu-db-shop-creds.yaml")))
                .contains("name: staging-eu-db-shop-creds", "namespace: staging-eu", "shop_staging_eu_0001");
        assertThat(first.toString()).doesNotContain(prod.password());

        InitDbResult second = provisioner.initDb(shop, "prod", "staging-eu");

        assertThat(second.changedNothing()).as(second.steps().toString()).isTrue();
        assertThat(second.created()).isEmpty();
        assertThat(second.logins()).noneMatch(NamespaceLogin::newPassword);
        assertThat(second.logins().get(0).credentials().password()).isEqualTo(prod.password());
        try (Connection c = TestServers.connect(pg, "shop", prod.user(), prod.password())) {
            assertThat(c.isValid(1)).isTrue();
        }
    }

    @Test
    void rerunWithoutTheSecretFailsBeforeChangingAnythingAndSuggestsRotate(@TempDir Path elsewhere) {
        DbName db = DbName.of("lost");
        provisioner().load().initDb(db, "prod");

        assertThatThrownBy(() -> DatabaseProvisioner.configure(pg.jdbcUrl("postgres"), "postgres", "unused")
                        .secretsDir(elsewhere)
                        .apps(AppName.listOf("newapp"))
                        .load()
                        .initDb(db, "prod"))
                .isInstanceOfSatisfying(RoutingException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.PROVISIONING_FAILED);
                    assertThat(e.db()).contains(db);
                })
                .hasMessageContaining("login role 'lost_prod_0001' of namespace 'prod' exists")
                .hasMessageContaining("changed nothing")
                .hasMessageContaining("rotate(true)");
        assertThat(query("lost", "SELECT count(*)::text FROM pg_namespace WHERE nspname = 'newapp'"))
                .containsExactly("0");
    }

    @Test
    void rotateAddsTheNextRoleWhileTheOldOneKeepsWorkingUntilRetired() throws Exception {
        DbName db = DbName.of("rotating");
        InitDbResult first = provisioner().load().initDb(db, "prod");
        DbCredentials old = first.logins().get(0).credentials();

        InitDbResult rotated = provisioner().rotate(true).load().initDb(db, "prod");
        DbCredentials current =
                CredentialsSource.mountedSecrets(secrets, "prod").require(db);

        assertThat(rotated.created()).containsExactly("login role rotating_prod_0002 (namespace prod)");
        assertThat(rotated.changed()).anyMatch(s -> s.startsWith("secret file "));
        assertThat(current.user()).isEqualTo("rotating_prod_0002");
        assertThat(current.password()).isNotEqualTo(old.password());
        try (Connection oldSession = TestServers.connect(pg, "rotating", old.user(), old.password());
                Connection newSession = TestServers.connect(pg, "rotating", current.user(), current.password())) {
            assertThat(oldSession.isValid(1)).isTrue();
            assertThat(newSession.isValid(1)).isTrue();

            assertThatThrownBy(() -> provisioner().retireOld(true).load().initDb(db, "prod"))
                    .isInstanceOf(RoutingException.class)
                    .hasMessageContaining("login role 'rotating_prod_0001' still has 1 session(s)")
                    .hasMessageContaining("terminateSessions(true)");
        }

        InitDbResult retired = provisioner().retireOld(true).load().initDb(db, "prod");

        assertThat(retired.dropped()).containsExactly("login role rotating_prod_0001 (namespace prod)");
        assertThat(retired.logins().get(0).retiredRoles()).containsExactly("rotating_prod_0001");
        assertThat(query("postgres", "SELECT rolname FROM pg_roles WHERE rolname LIKE 'rotating_prod_%'"))
                .containsExactly("rotating_prod_0002");
        assertThatThrownBy(() -> TestServers.connect(pg, "rotating", old.user(), old.password()))
                .isInstanceOf(SQLException.class);
    }

    @Test
    void terminateSessionsLetsRetireDropARoleInUseAndTheOwnerKeepsItsObjects() throws Exception {
        DbName db = DbName.of("busy");
        DbCredentials old =
                provisioner().load().initDb(db, "prod").logins().get(0).credentials();
        provisioner().rotate(true).load().initDb(db, "prod");
        try (Connection oldSession = TestServers.connect(pg, "busy", old.user(), old.password());
                Statement st = oldSession.createStatement()) {
            st.execute("SET ROLE busy_owner");
            st.execute("CREATE TABLE public.kept (id integer)");
            st.execute("RESET ROLE");

            InitDbResult retired =
                    provisioner().retireOld(true).terminateSessions(true).load().initDb(db, "prod");

            assertThat(retired.dropped()).containsExactly("login role busy_prod_0001 (namespace prod)");
            assertThat(oldSession.isValid(2)).isFalse();
        }
        assertThat(query("busy", "SELECT tableowner FROM pg_tables WHERE tablename = 'kept'"))
                .containsExactly("busy_owner");
    }

    @Test
    void namesAreCheckedBeforeAnyConnection() {
        DatabaseProvisioner unreachable = DatabaseProvisioner.configure(
                        "jdbc:postgresql://localhost:1/postgres", "postgres", "unused")
                .load();

        assertThatThrownBy(() -> unreachable.initDb(DbName.of("fine"), "Prod", "ok", "x\"; DROP ROLE postgres; --"))
                .isInstanceOfSatisfying(
                        RoutingException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_NAME))
                .hasMessageContaining("'Prod'")
                .hasMessageContaining("'x\"; DROP ROLE postgres; --'");
        assertThatThrownBy(() -> unreachable.initDb(DbName.of("d".repeat(58)), "prod"))
                .isInstanceOfSatisfying(
                        RoutingException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_NAME))
                .hasMessageContaining("too long");
        assertThatThrownBy(() -> DatabaseProvisioner.configure("jdbc:mysql://x/y", "root", "pw"))
                .isInstanceOfSatisfying(
                        RoutingException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_CONFIGURATION));
    }

    @Test
    void roleOfAnotherDatabaseWithTheSameNameIsNotTakenOver() {
        provisioner().load().initDb(DbName.of("co"), "ab-c");

        assertThatThrownBy(() -> provisioner().load().initDb(DbName.of("co_ab"), "c"))
                .isInstanceOf(RoutingException.class)
                .hasMessageContaining("role 'co_ab_c_0001' exists but is not the login role of namespace 'c'");
    }

    @Test
    void existingDatabaseIsHandedToTheOwnerAndItsPublicSchemaClosed() throws Exception {
        try (Connection c = pg.connect("postgres");
                Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE legacy");
        }
        try (Connection c = pg.connect("legacy");
                Statement st = c.createStatement()) {
            st.execute("GRANT CREATE ON SCHEMA public TO PUBLIC");
            st.execute("CREATE SCHEMA accounts");
        }

        InitDbResult result =
                provisioner().apps(AppName.listOf("accounts")).load().initDb(DbName.of("legacy"), "prod");

        assertThat(result.changed())
                .contains(
                        "owner of database legacy (was postgres)",
                        "CONNECT and TEMPORARY on database legacy revoked from PUBLIC",
                        "CREATE on schema public revoked from PUBLIC",
                        "owner of schema accounts (was postgres)");
        assertThat(query("legacy", "SELECT has_schema_privilege('public', 'public', 'CREATE')::text"))
                .containsExactly("false");
    }

    @Test
    void checkConnectionLogsInSetsTheRoleAndUsesATemporaryTable() {
        InitDbResult result = provisioner().checkConnection(true).load().initDb(DbName.of("checked"), "prod");

        ConnectionCheck check = result.logins().get(0).checkResult().orElseThrow();
        assertThat(check.ok()).as(check.message()).isTrue();
        assertThat(check.message())
                .isEqualTo("logged in as checked_prod_0001 to localhost:" + pg.port()
                        + "/checked, SET ROLE checked_owner, created and dropped a temporary table");
        assertThat(result.checksPassed()).isTrue();
    }

    @Test
    void checkFailsWhenTheStoredPasswordIsWrong() {
        DbCredentials good = provisioner()
                .load()
                .initDb(DbName.of("tampered"), "prod")
                .logins()
                .get(0)
                .credentials();

        ConnectionCheck check = dev.approuting.flyway.internal.provision.Checks.run(good.withPassword("wrong"));

        assertThat(check.ok()).isFalse();
        assertThat(check.message()).contains("28P01").doesNotContain("wrong");
    }

    @Test
    void grantOwnerToAdminMakesTheAdminAMemberOfTheOwnerRole() {
        InitDbResult result = provisioner().grantOwnerToAdmin(true).load().initDb(DbName.of("rds"), "prod");

        assertThat(result.created()).contains("membership of admin user postgres in role rds_owner");
        assertThat(query(
                        "postgres",
                        "SELECT count(*)::text FROM pg_auth_members WHERE roleid = 'rds_owner'::regrole"
                                + " AND member = 'postgres'::regrole"))
                .containsExactly("1");
        assertThat(provisioner()
                        .grantOwnerToAdmin(true)
                        .load()
                        .initDb(DbName.of("rds"), "prod")
                        .changedNothing())
                .isTrue();
    }

    private static List<String> query(String db, String sql) {
        try (Connection c = pg.connect(db);
                PreparedStatement ps = c.prepareStatement(sql);
                ResultSet rs = ps.executeQuery()) {
            List<String> rows = new ArrayList<>();
            while (rs.next()) {
                rows.add(rs.getString(1));
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
