package dev.approuting.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.approuting.core.CredentialsSource;
import dev.approuting.core.DbCredentials;
import dev.approuting.core.DbName;
import dev.approuting.core.DbRouterRegistry;
import dev.approuting.core.PerAppDbRouter;
import dev.approuting.fixtures.TestServers;
import dev.approuting.testkit.postgres.PostgresExtension;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The admin server's front against hostile and slow clients and a stalled database, over real sockets and a
 * real PostgreSQL server. Latencies are bounded by the deadlines the server promises; the figures measured
 * are printed for docs/guarantees.md.
 */
class AdminFrontIT {
    private static final DbName USERS = DbName.of("users");
    private static final DbName MAVEN = DbName.of("maven");

    @RegisterExtension
    static final PostgresExtension pg = PostgresExtension.embedded();

    private static DbRouterRegistry registry() {
        return DbRouterRegistry.of(
                PerAppDbRouter.forDb("users").apps("users").build(),
                PerAppDbRouter.forDb("maven").apps("catalog").build());
    }

    private static DbRouterRegistry usersOnly() {
        return DbRouterRegistry.of(PerAppDbRouter.forDb("users").apps("users").build());
    }

    private static CredentialsSource users() {
        return CredentialsSource.of(Map.of(USERS, TestServers.superuser(pg, "postgres")));
    }

    @Test
    void healthAnswersWithinOneSecondWhile200HalfOpenConnectionsAreHeld() throws Exception {
        Duration requestTimeout = Duration.ofSeconds(3);
        try (AdminServer server = AdminServer.configure(usersOnly())
                .credentials(users())
                .requestTimeout(requestTimeout)
                .maxConnections(256, 512)
                .start()) {
            assertThat(Http.get(server.uri(), "/health").status()).isEqualTo(200);
            List<Socket> held = new ArrayList<>();
            try {
                for (int i = 0; i < 200; i++) {
                    Socket s = new Socket();
                    s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.port()), 1000);
                    s.getOutputStream()
                            .write("GET /health HTTP/1.1\r\nHost: localhost\r\nX-Slow: "
                                    .getBytes(StandardCharsets.ISO_8859_1));
                    held.add(s);
                }
                long worst = 0;
                for (int i = 0; i < 20; i++) {
                    long start = System.nanoTime();
                    RawHttp.Answer health =
                            RawHttp.exchange(server.port(), RawHttp.get("/health", "localhost"), Duration.ofSeconds(1));
                    worst = Math.max(
                            worst, Duration.ofNanos(System.nanoTime() - start).toMillis());
                    assertThat(health.timedOut())
                            .as("/health with 200 half-open connections held, answer %d: %s", i, health.text())
                            .isFalse();
                    assertThat(health.status()).isEqualTo(200);
                }
                System.out.printf(
                        "admin-front: /health while 200 half-open connections held: worst of 20 %d ms%n", worst);
                RawHttp.Answer late = RawHttp.read(held.get(0), requestTimeout.plusSeconds(5));
                assertThat(late.status())
                        .as("a half-sent request is answered 408 after requestTimeout: %s", late.text())
                        .isEqualTo(408);
                assertThat(late.body()).contains("requestTimeout");
            } finally {
                for (Socket s : held) {
                    s.close();
                }
            }
        }
    }

    @Test
    void aClientBeyondItsConnectionCapIsRefusedWhileOthersAreServed() throws Exception {
        try (AdminServer server = AdminServer.configure(usersOnly())
                .credentials(users())
                .maxConnections(4, 512)
                .start()) {
            List<Socket> held = new ArrayList<>();
            try {
                for (int i = 0; i < 4; i++) {
                    Socket s = new Socket();
                    s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.port()), 1000);
                    s.getOutputStream().write("GET / HTTP/1.1\r\n".getBytes(StandardCharsets.ISO_8859_1));
                    held.add(s);
                }
                RawHttp.Answer fifth =
                        RawHttp.exchange(server.port(), RawHttp.get("/health", "localhost"), Duration.ofSeconds(5));
                assertThat(fifth.status()).as(fifth.text()).isEqualTo(503);
                assertThat(fifth.body()).contains("maxConnectionsPerClient");
                RawHttp.Answer other = RawHttp.exchange(
                        "127.0.0.2", server.port(), RawHttp.get("/health", "localhost"), Duration.ofSeconds(5));
                assertThat(other.status())
                        .as("another client address: %s", other.text())
                        .isEqualTo(200);
            } finally {
                for (Socket s : held) {
                    s.close();
                }
            }
        }
    }

    @Test
    void aStalledDatabaseLeavesTheOthersAnsweringWithinTheirDeadline() throws Exception {
        List<Socket> accepted = new CopyOnWriteArrayList<>();
        try (ServerSocket stalled = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> {
                while (!stalled.isClosed()) {
                    try {
                        accepted.add(stalled.accept());
                    } catch (IOException e) {
                        return;
                    }
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            DbCredentials silent =
                    DbCredentials.of("127.0.0.1", stalled.getLocalPort(), "maven", "nobody", "secret-pw");
            Duration probe = Duration.ofSeconds(1);
            Duration status = Duration.ofSeconds(3);
            try (AdminServer server = AdminServer.configure(registry())
                    .credentials(
                            CredentialsSource.of(Map.of(USERS, TestServers.superuser(pg, "postgres"), MAVEN, silent)))
                    .probeTimeout(probe)
                    .statusTimeout(status)
                    .cacheFor(Duration.ZERO)
                    .start()) {
                // the deadline of every database's read: its probe, its migration state, and a second of slack
                Duration deadline = probe.plus(status).plusSeconds(1);
                long worst = 0;
                for (String path : List.of("/health/users", "/health", "/status", "/metrics", "/", "/health/users")) {
                    long start = System.nanoTime();
                    RawHttp.Answer answer = RawHttp.exchange(server.port(), RawHttp.get(path, "localhost"), deadline);
                    worst = Math.max(
                            worst, Duration.ofNanos(System.nanoTime() - start).toMillis());
                    assertThat(answer.timedOut())
                            .as(
                                    "%s within probeTimeout + statusTimeout + 1 s while maven stalls: %s",
                                    path, answer.text())
                            .isFalse();
                    assertThat(answer.status()).as(path).isIn(200, 503);
                }
                System.out.printf(
                        "admin-front: stalled database, every endpoint answered, worst %d ms (probeTimeout %d ms,"
                                + " statusTimeout %d ms)%n",
                        worst, probe.toMillis(), status.toMillis());
                assertThat(accepted).as("the stalled listener was connected to").isNotEmpty();
                assertThat(Http.get(server.uri(), "/health/users").status()).isEqualTo(200);
                JsonNode health = Http.get(server.uri(), "/health").json();
                JsonNode maven = health.get("databases").get(1);
                assertThat(maven.get("status").asText()).isEqualTo("DOWN");
                assertThat(maven.get("error").asText())
                        .contains("probeTimeout 1 s")
                        .doesNotContain("secret-pw");
                assertThat(health.get("databases").get(0).get("status").asText())
                        .isEqualTo("UP");
            }
        } finally {
            for (Socket s : accepted) {
                s.close();
            }
        }
    }

    @Test
    void onLoopbackOnlyLoopbackHostNamesAreAnswered() throws Exception {
        try (AdminServer server =
                AdminServer.configure(usersOnly()).credentials(users()).start()) {
            for (String host :
                    List.of("evil.example", "evil.example:" + server.port(), "10.0.0.1", "127.0.0.1.evil.example")) {
                RawHttp.Answer answer =
                        RawHttp.exchange(server.port(), RawHttp.get("/health", host), Duration.ofSeconds(5));
                assertThat(answer.status()).as(host).isEqualTo(421);
                assertThat(answer.body()).contains("DNS rebinding");
            }
            for (String host : List.of("localhost", "localhost:" + server.port(), "127.0.0.1", "[::1]:80")) {
                RawHttp.Answer answer =
                        RawHttp.exchange(server.port(), RawHttp.get("/health", host), Duration.ofSeconds(5));
                assertThat(answer.status()).as(host).isEqualTo(200);
            }
        }
    }

    @Test
    void aTokenIsCheckedBeforeTheRequestReachesAnyHandler() throws Exception {
        String token = "front-token-0123456789";
        try (AdminServer server = AdminServer.configure(usersOnly())
                .credentials(users())
                .bearerToken(token)
                .start()) {
            RawHttp.Answer without =
                    RawHttp.exchange(server.port(), RawHttp.get("/health", "localhost"), Duration.ofSeconds(5));
            assertThat(without.status()).isEqualTo(401);
            assertThat(without.header("WWW-Authenticate")).startsWith("Bearer");
            assertThat(without.malformed(false)).isNull();
            assertThat(Http.send(server.uri(), "/health", "GET", token).status())
                    .isEqualTo(200);
        }
    }

    @Test
    void aCredentialsSourceThatThrowsLeavesEveryPageAnswering() throws Exception {
        CredentialsSource broken = new CredentialsSource() {
            @Override
            public Optional<DbCredentials> find(DbName db) {
                if (db.equals(MAVEN)) {
                    throw new NullPointerException("a secret nested too deep");
                }
                return Optional.of(TestServers.superuser(pg, "postgres"));
            }

            @Override
            public String describe(DbName db) {
                return "a test source";
            }
        };
        try (AdminServer server =
                AdminServer.configure(registry()).credentials(broken).start()) {
            for (String path : List.of("/", "/status", "/metrics", "/health/users")) {
                RawHttp.Answer answer =
                        RawHttp.exchange(server.port(), RawHttp.get(path, "localhost"), Duration.ofSeconds(10));
                assertThat(answer.status()).as(path + ": " + answer.text()).isEqualTo(200);
                assertThat(answer.malformed(false)).as(path).isNull();
            }
            JsonNode health = Http.get(server.uri(), "/health").json();
            assertThat(health.get("databases").get(1).get("status").asText()).isEqualTo("DOWN");
            assertThat(health.get("databases").get(1).get("error").asText()).contains("NullPointerException");
        }
    }

    @Test
    void swappedSecretFieldsNeverReachALabelOrAPage() throws Exception {
        String password = "pw-swapped-into-host-7731";
        String login = "login_role_for_maven_42";
        DbCredentials swapped = DbCredentials.of(password, 5432, "maven", login, "localhost");
        try (AdminServer server = AdminServer.configure(registry())
                .credentials(CredentialsSource.of(Map.of(USERS, TestServers.superuser(pg, "postgres"), MAVEN, swapped)))
                .probeTimeout(Duration.ofSeconds(1))
                .start()) {
            for (String path : List.of("/", "/status", "/metrics", "/health", "/health/maven")) {
                String body = Http.get(server.uri(), path).body();
                assertThat(body).as(path).doesNotContain(password).doesNotContain(login);
            }
            assertThat(Http.get(server.uri(), "/metrics").body())
                    .contains("approuting_database_up{db=\"maven\"} 0\n")
                    .contains("approuting_database_up{db=\"users\"} 1\n");
        }
    }
}
