package dev.approuting.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.approuting.core.CredentialsSource;
import dev.approuting.core.DbName;
import dev.approuting.core.DbRouterRegistry;
import dev.approuting.core.PerAppDbRouter;
import dev.approuting.fixtures.TestServers;
import dev.approuting.testkit.postgres.PostgresExtension;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Fuzzes the admin server's HTTP front over raw sockets with seeded hostile requests: methods, paths,
 * headers, {@code Host} values, lengths, half-sent heads and bodies, random bytes. Every input must get a
 * well-formed HTTP answer (status line, headers, matching {@code Content-Length}, the security headers) or,
 * for an input that sends nothing, a plain close; never a 500 (a handler exception) and never a wait over
 * 1 s. {@code -Dfuzz.inputs=100000} runs the long version, {@code -Dfuzz.seed=…} replays a run.
 */
class AdminHttpFuzzIT {
    private static final String[] METHODS = {
        "GET",
        "HEAD",
        "POST",
        "PUT",
        "DELETE",
        "OPTIONS",
        "TRACE",
        "CONNECT",
        "PATCH",
        "get",
        "G E T",
        "",
        "GET\t",
        "X".repeat(40),
        "GÉT",
        "\u0000GET"
    };
    private static final String[] PATHS = {
        "/",
        "/health",
        "/health/users",
        "/health/",
        "/health/mavn",
        "/health/Users",
        "/health/%00",
        "/status",
        "/metrics",
        "/admin.css",
        "/nowhere",
        "//",
        "/../../etc/passwd",
        "/health/..%2f..",
        "/%",
        "/%zz",
        "*",
        "http://evil.example/health",
        "health",
        "/?a=b&c",
        "/health?x=" + "y".repeat(100),
        "/\u00e9",
        "/a b",
        "/health/" + "u".repeat(70),
        "/health/users/extra",
        "/db/users",
        ""
    };
    private static final String[] HOSTS = {
        "localhost",
        "127.0.0.1",
        "[::1]",
        "localhost:1",
        "evil.example",
        "127.0.0.1.evil.example",
        "",
        " ",
        "localhost:99999",
        "LOCALHOST",
        "[::1",
        "x".repeat(300),
        "127.0.0.1\tx"
    };
    private static final String[] HEADERS = {
        "Accept: */*",
        "Authorization: Bearer x",
        "Authorization: Basic Zm9vOmJhcg==",
        "Content-Length: 5",
        "Content-Length: -1",
        "Content-Length: 99999999999",
        "Content-Length: 0",
        "Transfer-Encoding: chunked",
        "Connection: keep-alive",
        "Expect: 100-continue",
        "X-Forwarded-Host: evil.example",
        " folded",
        "NoColon",
        ": empty-name",
        "Bad Name: v",
        "Cookie: " + "c".repeat(5000),
        "Range: bytes=0-1",
        "If-None-Match: *"
    };

    @RegisterExtension
    static final PostgresExtension pg = PostgresExtension.embedded();

    @Test
    void hostileRequestsGetAWellFormedAnswerWithinOneSecond() throws Exception {
        int inputs = Integer.getInteger("fuzz.inputs", 5000);
        long seed = Long.getLong("fuzz.seed", System.nanoTime());
        System.out.printf("admin-fuzz: %d inputs, seed %d (replay with -Dfuzz.seed=%d)%n", inputs, seed, seed);
        Random random = new Random(seed);
        DbRouterRegistry registry =
                DbRouterRegistry.of(PerAppDbRouter.forDb("users").apps("users").build());
        try (AdminServer server = AdminServer.configure(registry)
                .credentials(CredentialsSource.of(Map.of(DbName.of("users"), TestServers.superuser(pg, "postgres"))))
                .cacheFor(Duration.ofHours(1))
                .requestTimeout(Duration.ofMillis(500))
                .start()) {
            assertThat(Http.get(server.uri(), "/health").status()).isEqualTo(200);
            List<String> crashes = new ArrayList<>();
            int[] statuses = new int[1000];
            long worst = 0;
            long started = System.nanoTime();
            for (int i = 0; i < inputs; i++) {
                byte[] input = input(random);
                long start = System.nanoTime();
                RawHttp.Answer answer = RawHttp.exchange(server.port(), input, Duration.ofSeconds(1));
                worst = Math.max(worst, System.nanoTime() - start);
                String problem;
                if (answer.bytes().length == 0 && !answer.timedOut()) {
                    problem = blank(input) ? null : "closed without an answer";
                } else {
                    boolean head = new String(input, StandardCharsets.ISO_8859_1).startsWith("HEAD ");
                    problem = answer.malformed(head);
                    if (problem == null && answer.status() == 500) {
                        problem = "500: " + answer.body();
                    }
                    if (answer.status() > 0) {
                        statuses[answer.status() % 1000]++;
                    }
                }
                if (problem != null && crashes.size() < 20) {
                    crashes.add(
                            "input " + i + " " + printable(input) + " → " + problem + ": " + printable(answer.bytes()));
                }
            }
            long millis = Duration.ofNanos(System.nanoTime() - started).toMillis();
            StringBuilder seen = new StringBuilder();
            for (int s = 0; s < statuses.length; s++) {
                if (statuses[s] > 0) {
                    seen.append(' ').append(s).append('×').append(statuses[s]);
                }
            }
            System.out.printf(
                    "admin-fuzz: %d inputs in %d ms, %d crashes, slowest answer %d ms, statuses%s%n",
                    inputs, millis, crashes.size(), Duration.ofNanos(worst).toMillis(), seen);
            assertThat(crashes).as("seed %d", seed).isEmpty();
            assertThat(Http.get(server.uri(), "/health").status())
                    .as("still serving after the run")
                    .isEqualTo(200);
        }
    }

    private static boolean blank(byte[] input) {
        for (byte b : input) {
            if (b != '\r' && b != '\n') {
                return false;
            }
        }
        return true;
    }

    private static byte[] input(Random random) {
        int kind = random.nextInt(10);
        if (kind == 0) {
            byte[] bytes = new byte[random.nextInt(2000)];
            random.nextBytes(bytes);
            return bytes;
        }
        StringBuilder b = new StringBuilder();
        b.append(pick(random, METHODS)).append(random.nextInt(20) == 0 ? "  " : " ");
        b.append(pick(random, PATHS));
        b.append(' ')
                .append(
                        random.nextInt(10) == 0
                                ? pick(random, new String[] {"HTTP/1.0", "HTTP/2.0", "HTTP/1.1x", "http/1.1", ""})
                                : "HTTP/1.1");
        String eol = random.nextInt(10) == 0 ? "\n" : "\r\n";
        b.append(eol);
        if (random.nextInt(8) != 0) {
            b.append("Host: ").append(pick(random, HOSTS)).append(eol);
        }
        int headers = random.nextInt(4);
        for (int h = 0; h < headers; h++) {
            b.append(pick(random, HEADERS)).append(eol);
        }
        b.append(eol);
        if (random.nextInt(5) == 0) {
            b.append("body".repeat(random.nextInt(10)));
        }
        byte[] bytes = b.toString().getBytes(StandardCharsets.UTF_8);
        if (kind == 1) {
            return java.util.Arrays.copyOf(bytes, random.nextInt(bytes.length + 1));
        }
        if (kind == 2 && bytes.length > 0) {
            bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256);
        }
        if (kind == 3) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.writeBytes(bytes);
            out.writeBytes("GET /health HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            return out.toByteArray();
        }
        return bytes;
    }

    private static String pick(Random random, String[] values) {
        return values[random.nextInt(values.length)];
    }

    private static String printable(byte[] bytes) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < Math.min(bytes.length, 200); i++) {
            int c = bytes[i] & 0xff;
            b.append(c >= 0x20 && c < 0x7f ? String.valueOf((char) c) : String.format("\\x%02x", c));
        }
        return b.toString();
    }
}
