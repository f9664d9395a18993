package dev.approuting.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.approuting.admin.AdminCompany;
import dev.approuting.admin.Http;
import dev.approuting.core.DbRouterRegistry;
import dev.approuting.fixtures.TestServers;
import dev.approuting.testkit.postgres.PostgresExtension;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class AdminCommandIT {
    @TempDir
    static Path secrets;

    private static final DbRouterRegistry REGISTRY = AdminCompany.registry();
    private static final Pattern URL = Pattern.compile("admin page on (http://\\S+/)");

    @RegisterExtension
    static final PostgresExtension pg = PostgresExtension.embedded();

    @BeforeAll
    static void start() throws IOException {
        AdminCompany.migrate(pg, pg);
        TestServers.writeSecrets(secrets, "test", AdminCompany.credentials(pg, pg), REGISTRY.dbNames());
    }

    @Test
    void servesUntilInterrupted() throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        AtomicInteger exit = new AtomicInteger(-1);
        Thread command = new Thread(() -> exit.set(RoutingCommandLine.run(
                REGISTRY,
                new PrintWriter(out, true),
                new PrintWriter(err, true),
                "admin",
                "--port",
                "0",
                "--secrets-dir",
                secrets.toString(),
                "--namespace",
                "test",
                "--db",
                "users,maven")));
        command.start();
        URI page = awaitPage(out, err);
        assertThat(page.getHost()).isEqualTo("127.0.0.1");

        Http.Response health = Http.get(page, "/health");
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().get("databases").findValuesAsText("db")).containsExactly("users", "maven");
        assertThat(Http.get(page, "/").body()).contains("id=\"db-maven\"").doesNotContain("id=\"db-scratch\"");

        command.interrupt();
        command.join(10_000);
        assertThat(command.isAlive()).isFalse();
        assertThat(exit.get()).isZero();
    }

    private static URI awaitPage(StringWriter out, StringWriter err) throws InterruptedException {
        for (int i = 0; i < 200; i++) {
            Matcher m = URL.matcher(out.toString());
            if (m.find()) {
                return URI.create(m.group(1));
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no admin page address in 10 s; out: " + out + " err: " + err);
    }

    @Test
    void refusesToListenBeyondLoopbackWithoutAToken() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = RoutingCommandLine.run(
                REGISTRY,
                new PrintWriter(out),
                new PrintWriter(err),
                "admin",
                "--port",
                "0",
                "--bind",
                "0.0.0.0",
                "--secrets-dir",
                secrets.toString(),
                "--namespace",
                "test");
        assertThat(exit).isEqualTo(RoutingCommandLine.USAGE);
        assertThat(err.toString()).contains("without a bearer token", "--token-env");
    }

    @Test
    void aMissingTokenVariableIsAnError() {
        StringWriter err = new StringWriter();
        int exit = RoutingCommandLine.run(
                REGISTRY,
                new PrintWriter(new StringWriter()),
                new PrintWriter(err),
                "admin",
                "--port",
                "0",
                "--token-env",
                "APPROUTING_TEST_NO_SUCH_VARIABLE",
                "--namespace",
                "test");
        assertThat(exit).isEqualTo(RoutingCommandLine.USAGE);
        assertThat(err.toString()).contains("APPROUTING_TEST_NO_SUCH_VARIABLE", "not set");
    }

    @Test
    void helpListsTheFlags() {
        StringWriter out = new StringWriter();
        RoutingCommandLine.run(REGISTRY, new PrintWriter(out), new PrintWriter(new StringWriter()), "admin", "--help");
        assertThat(out.toString()).contains("--port", "--bind", "--token-env", "--secrets-dir", "--namespace");
        StringWriter root = new StringWriter();
        RoutingCommandLine.run(REGISTRY, new PrintWriter(root), new PrintWriter(new StringWriter()), "--help");
        assertThat(root.toString()).contains("admin");
        assertThat(root.toString().lines()).anyMatch(l -> l.strip().startsWith("admin"));
    }
}
