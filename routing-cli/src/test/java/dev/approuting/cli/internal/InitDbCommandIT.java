package dev.approuting.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.approuting.core.CredentialsSource;
import dev.approuting.core.DbCredentials;
import dev.approuting.core.DbName;
import dev.approuting.core.DbRouterRegistry;
import dev.approuting.core.PerAppDbRouter;
import dev.approuting.fixtures.TestServers;
import dev.approuting.testkit.postgres.PostgresExtension;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class InitDbCommandIT {
    @RegisterExtension
    static final PostgresExtension pg = PostgresExtension.of(TestServers.passwordAuthentication());

    @TempDir
    Path dir;

    private record Run(int exitCode, String out, String err) {}

    private Run run(String... args) {
        return run(null, Map.of(), args);
    }

    private Run run(@Nullable DbRouterRegistry registry, Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli =
                new CommandLine(new InitDbCommand(new PrintWriter(out), () -> Optional.ofNullable(registry), env));
        cli.setErr(new PrintWriter(err));
        int code = cli.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    private List<String> args(String db, String... more) throws Exception {
        Path passwordFile = dir.resolve("admin-password");
        Files.writeString(passwordFile, "not-needed-with-trust\n");
        List<String> args = new ArrayList<>(List.of(
                "--admin-url", pg.jdbcUrl("postgres"),
                "--admin-user", "postgres",
                "--admin-password-file", passwordFile.toString(),
                "--db", db,
                "--secrets-dir", dir.resolve("secrets").toString()));
        args.addAll(List.of(more));
        return args;
    }

    @Test
    void provisionsReportsWithoutThePasswordAndIsIdempotent() throws Exception {
        Run first = run(
                args("cli", "--namespace", "prod", "--namespace", "staging", "--app", "inventory", "--check-connection")
                        .toArray(String[]::new));

        assertThat(first.exitCode()).as(first.err()).isZero();
        DbCredentials prod =
                CredentialsSource.mountedSecrets(dir.resolve("secrets"), "prod").require(DbName.of("cli"));
        assertThat(first.out())
                .contains("database cli (owner role cli_owner)")
                .contains("  created  role cli_owner")
                .contains("  created  schema inventory")
                .contains("namespace prod: login role cli_prod_0001, secret prod-db-cli-creds (new password)")
                .contains("password: **** (--show-secret prints it)")
                .contains("check: ok, logged in as cli_staging_0001")
                .doesNotContain(prod.password());

        Run second =
                run(args("cli", "--namespace", "prod", "--namespace", "staging", "--app", "inventory", "--show-secret")
                        .toArray(String[]::new));

        assertThat(second.exitCode()).as(second.err()).isZero();
        assertThat(second.out())
                .contains("database cli (owner role cli_owner): nothing to change")
                .contains("(password kept)")
                .contains("password: " + prod.password())
                .doesNotContain("created");
    }

    @Test
    void aPasswordInTheAdminUrlIsWarnedAboutAndNeverPrinted() throws Exception {
        List<String> args = args("urlpw", "--namespace", "prod");
        int url = args.indexOf("--admin-url") + 1;
        args.set(url, args.get(url) + "?password=in-the-url-5678");

        Run run = run(args.toArray(String[]::new));

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err())
                .contains("warning: --admin-url " + pg.jdbcUrl("postgres") + "?password=****")
                .contains("process list", "--admin-password-file");
        assertThat(run.out() + run.err()).doesNotContain("in-the-url-5678");
    }

    @Test
    void manifestsOnStdoutAreValidYamlDocumentsWithTheReportAsComments() throws Exception {
        Run run = run(
                args("manifested", "--namespace", "prod", "--manifests-stdout").toArray(String[]::new));

        assertThat(run.exitCode()).as(run.err()).isZero();
        String[] documents = run.out().split("(?m)^---$");
        assertThat(documents).hasSize(2);
        assertThat(documents[0].lines()).allMatch(line -> line.startsWith("# "));
        assertThat(documents[1]).contains("kind: Secret", "name: prod-db-manifested-creds", "namespace: prod");
    }

    @Test
    void appsComeFromTheRegistryWhenNoneAreGiven() throws Exception {
        DbRouterRegistry registry = DbRouterRegistry.of(
                PerAppDbRouter.forDb("registered").apps("users", "workflow").build());

        Run run = run(
                registry, Map.of(), args("registered", "--namespace", "prod").toArray(String[]::new));

        assertThat(run.exitCode()).as(run.err()).isZero();
        try (Connection c = pg.connect("registered");
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(
                        "SELECT string_agg(nspname || ':' || pg_get_userbyid(nspowner), ',' ORDER BY nspname)"
                                + " FROM pg_namespace WHERE nspname IN ('users', 'workflow')")) {
            rs.next();
            assertThat(rs.getString(1)).isEqualTo("users:registered_owner,workflow:registered_owner");
        }
        Run typo =
                run(registry, Map.of(), args("registerd", "--namespace", "prod").toArray(String[]::new));
        assertThat(typo.exitCode()).isEqualTo(2);
        assertThat(typo.err()).contains("did you mean 'registered'?");
    }

    @Test
    void passwordComesFromTheEnvironment() {
        Run run = run(
                null,
                Map.of("PGADMIN_SECRET", "whatever"),
                "--admin-url",
                pg.jdbcUrl("postgres"),
                "--admin-user",
                "postgres",
                "--admin-password-env",
                "PGADMIN_SECRET",
                "--db",
                "fromenv",
                "--namespace",
                "prod");

        assertThat(run.exitCode()).as(run.err()).isZero();
    }

    @Test
    void badInputExitsWithTwo() throws Exception {
        Run badNamespace = run(args("badns", "--namespace", "Prod_EU").toArray(String[]::new));
        assertThat(badNamespace.exitCode()).isEqualTo(2);
        assertThat(badNamespace.err()).contains("invalid namespace name 'Prod_EU'");

        Run badDb = run(args("Bad-Db", "--namespace", "prod").toArray(String[]::new));
        assertThat(badDb.exitCode()).isEqualTo(2);
        assertThat(badDb.err()).contains("invalid database name 'Bad-Db'");

        Run missing = run("--admin-url", pg.jdbcUrl("postgres"), "--admin-user", "postgres", "--db", "x");
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("--namespace");

        Run noPassword = run(
                "--admin-url",
                pg.jdbcUrl("postgres"),
                "--admin-user",
                "postgres",
                "--db",
                "nopw",
                "--namespace",
                "prod");
        assertThat(noPassword.exitCode()).isEqualTo(2);
        assertThat(noPassword.err()).contains("set the environment variable ROUTING_ADMIN_PASSWORD");
    }

    @Test
    void lostSecretExitsWithOneAndSuggestsRotate() throws Exception {
        assertThat(run(args("forgot", "--namespace", "prod").toArray(String[]::new))
                        .exitCode())
                .isZero();
        Files.delete(dir.resolve("secrets/prod-db-forgot-creds/creds.json"));

        Run again = run(args("forgot", "--namespace", "prod").toArray(String[]::new));
        assertThat(again.exitCode()).isEqualTo(1);
        assertThat(again.err()).contains("--rotate");

        Run rotated = run(args("forgot", "--namespace", "prod", "--rotate", "--check-connection")
                .toArray(String[]::new));
        assertThat(rotated.exitCode()).as(rotated.err()).isZero();
        assertThat(rotated.out()).contains("login role forgot_prod_0002").contains("check: ok");
    }
}
