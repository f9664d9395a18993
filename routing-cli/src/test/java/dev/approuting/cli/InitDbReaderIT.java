package dev.approuting.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.approuting.core.CredentialsSource;
import dev.approuting.core.DbCredentials;
import dev.approuting.core.DbName;
import dev.approuting.testkit.postgres.PostgresExtension;
import dev.approuting.testkit.postgres.PostgresProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code init-db --reader} and {@code --restore-from-secret} on a server that checks passwords. */
class InitDbReaderIT {
    @RegisterExtension
    static final PostgresExtension pg =
            PostgresExtension.of(PostgresProvider.embedded().withPasswordAuthentication());

    private static DeployCommandsTest.Run initDb(Path tmp, Path secrets, String... more) throws Exception {
        Path password = tmp.resolve("admin-password");
        Files.writeString(password, pg.password() + "\n");
        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of(
                "init-db",
                "--admin-url",
                pg.jdbcUrl("postgres"),
                "--admin-user",
                pg.user(),
                "--admin-password-file",
                password.toString(),
                "--db",
                "clishop",
                "--namespace",
                "prod",
                "--app",
                "orders",
                "--secrets-dir",
                secrets.toString()));
        args.addAll(java.util.List.of(more));
        return DeployCommandsTest.routing(args.toArray(String[]::new));
    }

    @Test
    void readerWritesTheReaderSecretAndAMissingRoleIsRestoredOnlyWithTheFlag(@TempDir Path tmp) throws Exception {
        Path secrets = tmp.resolve("secrets");
        DeployCommandsTest.Run first = initDb(tmp, secrets, "--reader", "--check-connection");
        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(first.out())
                .contains("namespace prod: login role clishop_prod_0001, secret prod-db-clishop-creds (new password)")
                .contains("namespace prod: reader login role clishop_prod_reader_0001,"
                        + " secret prod-db-clishop-reader-creds (new password)")
                .contains("check: ok");
        DbCredentials reader = CredentialsSource.mountedSecrets(secrets, "prod")
                .findReader(DbName.of("clishop"))
                .orElseThrow();
        assertThat(reader.user()).isEqualTo("clishop_prod_reader_0001");
        assertThat(reader.setRole()).isNull();

        pg.server().execute("clishop", "DROP OWNED BY clishop_prod_0001");
        pg.server().execute("postgres", "DROP ROLE clishop_prod_0001");
        DeployCommandsTest.Run refused = initDb(tmp, secrets, "--reader");
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.err())
                .contains("changed nothing")
                .contains("restoreFromSecret(true) (--restore-from-secret)")
                .contains("rotate(true) (--rotate)");

        DeployCommandsTest.Run restored =
                initDb(tmp, secrets, "--reader", "--restore-from-secret", "--check-connection");
        assertThat(restored.exitCode()).as(restored.err()).isZero();
        assertThat(restored.out()).contains("created  login role clishop_prod_0001 (namespace prod)");
        assertThat(restored.out()).doesNotContain("FAILED");
    }
}
