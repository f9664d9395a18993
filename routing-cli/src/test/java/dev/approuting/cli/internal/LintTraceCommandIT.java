package dev.approuting.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.approuting.testkit.postgres.PostgresExtension;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code routing lint --trace} on embedded PostgreSQL 17: the URL, the login and the output formats. */
class LintTraceCommandIT {
    private static final String BASE = "CREATE TABLE orders (id int PRIMARY KEY, qty int);";

    @RegisterExtension
    static final PostgresExtension pg = PostgresExtension.embedded();

    @TempDir
    Path dir;

    @Test
    void theCommandTracesOnTheGivenUrlWithTheLoginFromTheEnvironment() throws IOException {
        Path app = Files.createDirectories(dir.resolve("shop"));
        Files.writeString(app.resolve("V1__base.sql"), BASE);
        Files.writeString(
                app.resolve("V2__hidden.sql"),
                "DO $$ BEGIN EXECUTE 'ALTER TABLE orders ALTER COLUMN qty TYPE bigint'; END $$;");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Map<String, String> env = Map.of("ROUTING_TRACE_USER", "postgres", "ROUTING_TRACE_PASSWORD", "postgres");

        int code = new CommandLine(new LintCommand(new PrintWriter(out, true), new PrintWriter(err, true), env))
                .execute(
                        "--trace-url",
                        "jdbc:postgresql://localhost:" + pg.port() + "/postgres",
                        "--format",
                        "json",
                        "--runner-sets-lock-timeout",
                        app.toString());

        assertThat(err.toString()).isEmpty();
        assertThat(code).isEqualTo(1);
        assertThat(out.toString())
                .contains("\"tracedOn\" : \"PostgreSQL 17.")
                .contains("\"rule\" : \"table-rewrite\"")
                .contains("\"kind\" : \"column_type_changed\"");

        StringWriter text = new StringWriter();
        new CommandLine(new LintCommand(new PrintWriter(text, true), new PrintWriter(err, true), env))
                .execute("--trace-url", "jdbc:postgresql://localhost:" + pg.port() + "/postgres", app.toString());
        assertThat(text.toString())
                .contains("traced on PostgreSQL 17.")
                .contains("V2__hidden.sql: in one transaction")
                .contains("1:1 ACCESS EXCLUSIVE lock on shop.orders; rewrote shop.orders; shop.orders.qty: integer ->"
                        + " bigint (lock_timeout 0)");
    }

    @Test
    void theFilesRunAsAThrowAwayRoleUnlessTraceAsLoginIsGiven() throws IOException {
        Path app = Files.createDirectories(dir.resolve("shop"));
        Files.writeString(
                app.resolve("V1__needs_superuser.sql"),
                "SET lock_timeout = '5s';\nCREATE ROLE routing_cli_evil;\nDROP ROLE routing_cli_evil;");
        Map<String, String> env = Map.of("ROUTING_TRACE_USER", "postgres", "ROUTING_TRACE_PASSWORD", "postgres");
        String url = "jdbc:postgresql://localhost:" + pg.port() + "/postgres";

        StringWriter sandboxed = new StringWriter();
        int refused = new CommandLine(new LintCommand(
                        new PrintWriter(sandboxed, true), new PrintWriter(new StringWriter(), true), env))
                .execute("--trace-url", url, "--exclude-rule", "cluster-statement", app.toString());
        StringWriter asLogin = new StringWriter();
        int allowed = new CommandLine(
                        new LintCommand(new PrintWriter(asLogin, true), new PrintWriter(new StringWriter(), true), env))
                .execute("--trace-url", url, "--trace-as-login", "--exclude-rule", "cluster-statement", app.toString());

        assertThat(refused).as(sandboxed.toString()).isEqualTo(1);
        assertThat(sandboxed.toString()).contains("migration-fails").contains("permission denied to create role");
        assertThat(allowed).as(asLogin.toString()).isZero();
        assertThat(pg.column("postgres", "SELECT rolname FROM pg_roles WHERE rolname = 'routing_cli_evil'"))
                .isEmpty();
    }

    @Test
    void traceWithoutUrlOrProviderIsBadInput() throws IOException {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();

        int code = new CommandLine(new LintCommand(new PrintWriter(out, true), new PrintWriter(err, true), Map.of()))
                .execute("--trace", Files.createDirectories(dir.resolve("shop")).toString());

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("--trace needs a PostgreSQL server").contains("routing-testkit");
    }
}
