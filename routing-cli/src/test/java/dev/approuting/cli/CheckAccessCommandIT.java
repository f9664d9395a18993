package dev.approuting.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.approuting.core.AppName;
import dev.approuting.core.CredentialsSource;
import dev.approuting.core.DbCredentials;
import dev.approuting.core.DbName;
import dev.approuting.flyway.DatabaseMigrator;
import dev.approuting.flyway.provision.DatabaseProvisioner;
import dev.approuting.testkit.postgres.PostgresExtension;
import dev.approuting.testkit.postgres.PostgresProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code check-access} with the secrets init-db wrote, on a server that checks passwords. */
class CheckAccessCommandIT {
    @RegisterExtension
    static final PostgresExtension pg =
            PostgresExtension.of(PostgresProvider.embedded().withPasswordAuthentication());

    @TempDir
    static Path secrets;

    @BeforeAll
    static void provisionAndMigrate() {
        provision("store", "prod", "storefront");
        provision("payments", "prod", "payments");
        provision("archive", "backoffice", "receipts");
    }

    private static void provision(String db, String namespace, String app) {
        DatabaseProvisioner.configure(pg.jdbcUrl("postgres"), pg.user(), pg.password())
                .apps(AppName.listOf(app))
                .secretsDir(secrets)
                .load()
                .initDb(DbName.of(db), namespace);
        DatabaseMigrator.configure(
                        DbName.of(db),
                        CredentialsSource.mountedSecrets(secrets, namespace).require(DbName.of(db)))
                .apps(AppName.listOf(app))
                .load()
                .migrate()
                .orThrow();
    }

    private static DeployCommandsTest.Run checkAccess(String service, String namespace) {
        return DeployCommandsTest.routing(
                "check-access", "--service", service, "--secrets-dir", secrets.toString(), "--namespace", namespace);
    }

    @Test
    void aServiceReachingItsMigratedDatabasesAndNoOtherPasses() {
        DeployCommandsTest.Run run = checkAccess("store/web", "prod");

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out().lines().toList())
                .first()
                .satisfies(header -> assertThat(header).matches("DATABASE +APP +CHECK +RESULT +DETAIL"));
        assertThat(run.out())
                .containsPattern("store +storefront +MIGRATIONS +ok +at version 1")
                .containsPattern("payments +- +SET_ROLE +ok +SET ROLE payments_owner")
                .endsWith("check-access: service store/web reaches its 2 databases, migrated, and no other\n");
    }

    @Test
    void aDatabaseOutsideTheDeclarationThatTheServiceReachesFailsNamingIt() {
        pg.execute("postgres", "GRANT CONNECT ON DATABASE archive TO PUBLIC");
        try {
            DeployCommandsTest.Run run = checkAccess("store/web", "prod");

            assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(RoutingCommandLine.FAILED);
            assertThat(run.out())
                    .containsPattern("archive +- +UNDECLARED +FAILED +service 'store/web' does not declare 'archive',"
                            + " but login role store_prod_0001 connects to it")
                    .contains("(init-db --db DB --namespace NS)")
                    .endsWith("check-access: service store/web: 1 of 11 checks FAILED; see DETAIL for each\n");
        } finally {
            pg.execute("postgres", "REVOKE CONNECT ON DATABASE archive FROM PUBLIC");
        }
    }

    @Test
    void secretsWithAnEmptyPasswordFailWithTheServersAnswerNotAStackTrace(@TempDir Path emptied) throws Exception {
        for (String db : List.of("store", "payments")) {
            DbCredentials real =
                    CredentialsSource.mountedSecrets(secrets, "prod").require(DbName.of(db));
            Files.writeString(
                    emptied.resolve(CredentialsSource.secretName("prod", DbName.of(db))),
                    real.withPassword("").toSecretJson());
        }

        DeployCommandsTest.Run run = DeployCommandsTest.routing(
                "check-access", "--service", "store/web", "--secrets-dir", emptied.toString(), "--namespace", "prod");
        DeployCommandsTest.Run status = DeployCommandsTest.routing(
                "status", "--db", "store,payments", "--secrets-dir", emptied.toString(), "--namespace", "prod");

        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(RoutingCommandLine.FAILED);
        assertThat(run.out() + run.err())
                .contains("store", "payments", "password")
                .doesNotContain("\tat ", "Exception");
        assertThat(status.exitCode()).as(status.out() + status.err()).isNotZero();
        assertThat(status.out() + status.err()).contains("store", "password").doesNotContain("\tat ", "Exception");
    }

    @Test
    void anUnknownServiceOrNoNamespaceExits2() {
        DeployCommandsTest.Run typo = checkAccess("store/wbe", "prod");
        assertThat(typo.exitCode()).isEqualTo(RoutingCommandLine.USAGE);
        assertThat(typo.err()).contains("did you mean 'store/web'?");

        DeployCommandsTest.Run noNamespace = DeployCommandsTest.routing("check-access", "--service", "store/web");
        assertThat(noNamespace.exitCode()).isEqualTo(RoutingCommandLine.USAGE);
        assertThat(noNamespace.err()).contains("give --namespace NS");
    }
}
