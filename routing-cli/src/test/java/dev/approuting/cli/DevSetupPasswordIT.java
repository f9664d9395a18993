package dev.approuting.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.approuting.core.DbRouterRegistry;
import dev.approuting.core.PerAppDbRouter;
import dev.approuting.fixtures.TestServers;
import dev.approuting.testkit.postgres.PostgresExtension;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dev-setup} takes its password from {@code --password-file} or {@code --password-env} (or
 * {@code PGPASSWORD}), never needing it on the command line, against a server that checks it (SCRAM).
 */
class DevSetupPasswordIT {
    private static final String PASSWORD = "Dev-Setup-Pw-3f9a1c";
    private static final DbRouterRegistry REGISTRY = DbRouterRegistry.builder()
            .router(PerAppDbRouter.forDb("pw_catalog").apps("catalog").build())
            .build();

    /** A database of its own, so that the other test still sees {@code pw_catalog} created. */
    private static final DbRouterRegistry URL_REGISTRY = DbRouterRegistry.builder()
            .router(PerAppDbRouter.forDb("pw_url").apps("catalog").build())
            .build();

    @RegisterExtension
    static final PostgresExtension pg = PostgresExtension.of(TestServers.passwordAuthentication());

    @TempDir
    Path dir;

    @BeforeAll
    static void start() throws Exception {
        try (Connection c = pg.connect("postgres");
                Statement s = c.createStatement()) {
            s.execute("SET password_encryption = 'scram-sha-256'");
            s.execute("CREATE ROLE devadmin LOGIN SUPERUSER PASSWORD '" + PASSWORD + "'");
        }
    }

    private record Run(int exitCode, String out, String err) {}

    private static Run devSetup(Map<String, String> environment, String... more) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        List<String> args = new ArrayList<>(List.of(
                "dev-setup",
                "--url",
                "jdbc:postgresql://127.0.0.1:" + pg.port() + "/postgres",
                "--user",
                "devadmin",
                "--parallel",
                "1"));
        args.addAll(List.of(more));
        int exit = RoutingCommandLine.runWith(
                REGISTRY, environment, new PrintWriter(out), new PrintWriter(err), args.toArray(String[]::new));
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void readsThePasswordFromAFileOrAVariableAndRefusesAnUnsetVariable() throws Exception {
        Path file = Files.writeString(dir.resolve("pw"), PASSWORD + "\n");

        Run fromFile = devSetup(Map.of(), "--password-file", file.toString());

        assertThat(fromFile.exitCode()).as(fromFile.out() + fromFile.err()).isZero();
        assertThat(fromFile.out()).contains("dev-setup: created pw_catalog");

        Run fromVariable = devSetup(Map.of("DEV_PW", PASSWORD), "--password-env", "DEV_PW");

        assertThat(fromVariable.exitCode())
                .as(fromVariable.out() + fromVariable.err())
                .isZero();
        assertThat(fromVariable.out()).contains("nothing changed");

        Run fromPgpassword = devSetup(Map.of("PGPASSWORD", PASSWORD));

        assertThat(fromPgpassword.exitCode())
                .as(fromPgpassword.out() + fromPgpassword.err())
                .isZero();

        Run wrong = devSetup(Map.of("DEV_PW", "not-" + PASSWORD), "--password-env", "DEV_PW");

        assertThat(wrong.exitCode()).as(wrong.out() + wrong.err()).isNotZero();
        assertThat(wrong.out() + wrong.err()).contains("devadmin").doesNotContain(PASSWORD);

        Run unset = devSetup(Map.of(), "--password-env", "DEV_PW");

        assertThat(unset.exitCode()).isEqualTo(RoutingCommandLine.USAGE);
        assertThat(unset.err()).contains("--password-env DEV_PW names an environment variable that is not set");
    }

    @Test
    void withoutAPasswordTheErrorNamesDevSetupAndTheWaysToGiveOne() {
        Run none = devSetup(Map.of());

        assertThat(none.exitCode()).as(none.out() + none.err()).isEqualTo(RoutingCommandLine.USAGE);
        assertThat(none.err())
                .contains("dev-setup: the server at jdbc:postgresql://127.0.0.1:" + pg.port())
                .contains("asks user 'devadmin' for a password and none was given")
                .contains("--password-file FILE")
                .contains("--password-env VARIABLE")
                .contains("export PGPASSWORD")
                .doesNotContain("check the admin URL");
    }

    @Test
    void aPasswordInTheUrlIsWarnedAboutAndNeverShown() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String url = "jdbc:postgresql://127.0.0.1:" + pg.port() + "/postgres?password=" + PASSWORD;
        int exit = RoutingCommandLine.runWith(
                URL_REGISTRY,
                Map.of(),
                new PrintWriter(out),
                new PrintWriter(err),
                "dev-setup",
                "--url",
                url,
                "--user",
                "devadmin",
                "--parallel",
                "1");

        assertThat(exit).as(out + "" + err).isZero();
        assertThat(err.toString())
                .contains("--url jdbc:postgresql://127.0.0.1:" + pg.port() + "/postgres?password=****")
                .contains("process list");
        assertThat(out.toString() + err).doesNotContain(PASSWORD);

        StringWriter wrongOut = new StringWriter();
        StringWriter wrongErr = new StringWriter();
        String wrong = "jdbc:postgresql://127.0.0.1:" + pg.port() + "/postgres?password=Not-" + PASSWORD;
        int failed = RoutingCommandLine.runWith(
                URL_REGISTRY,
                Map.of(),
                new PrintWriter(wrongOut),
                new PrintWriter(wrongErr),
                "dev-setup",
                "--url",
                wrong,
                "--user",
                "devadmin");

        assertThat(failed).isNotZero();
        assertThat(wrongOut.toString() + wrongErr).doesNotContain(PASSWORD);
    }
}
