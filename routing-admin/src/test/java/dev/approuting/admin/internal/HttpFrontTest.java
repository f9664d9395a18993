package dev.approuting.admin.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpHandler;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class HttpFrontTest {
    private static final HttpFront.Settings SETTINGS =
            new HttpFront.Settings(Duration.ofSeconds(5), Duration.ofSeconds(5), 16, 64, 2, null, true);

    @Test
    void aHandlerThatThrowsStillGetsA500WithTheSecurityHeaders() throws Exception {
        HttpHandler throwing = exchange -> {
            throw new IllegalStateException("boom");
        };
        HttpHandler closesFirst = exchange -> {
            try (exchange) {
                exchange.getResponseHeaders().set("Content-Type", "text/plain");
                throw new IllegalStateException("fails inside try-with-resources, before any answer");
            }
        };
        HttpHandler deep = exchange -> recurse(0);
        for (HttpHandler handler : List.of(throwing, closesFirst, deep)) {
            try (HttpFront front =
                    new HttpFront(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), handler, SETTINGS)) {
                String answer = get(front.port(), "GET /x HTTP/1.1\r\nHost: localhost\r\n\r\n");
                assertThat(answer)
                        .startsWith("HTTP/1.1 500 ")
                        .contains("X-Content-Type-Options: nosniff")
                        .contains("Content-Security-Policy: default-src 'none'")
                        .contains("Connection: close")
                        .contains("\"error\"")
                        .doesNotContain("boom");
                assertThat(front.counts()[2]).isPositive();
            }
        }
    }

    @Test
    void malformedRequestsGetAClearStatusWithoutReachingTheHandler() throws Exception {
        HttpHandler never = exchange -> {
            throw new AssertionError("the handler must not see " + exchange.getRequestURI());
        };
        try (HttpFront front =
                new HttpFront(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), never, SETTINGS)) {
            assertThat(get(front.port(), "GARBAGE\r\n\r\n")).startsWith("HTTP/1.1 400 ");
            assertThat(get(front.port(), "GET /a HTTP/2.0\r\nHost: localhost\r\n\r\n"))
                    .startsWith("HTTP/1.1 505 ");
            assertThat(get(front.port(), "GET /a HTTP/1.1\r\n\r\n"))
                    .startsWith("HTTP/1.1 400 ")
                    .contains("Host");
            assertThat(get(front.port(), "GET /a\u0000 HTTP/1.1\r\nHost: localhost\r\n\r\n"))
                    .startsWith("HTTP/1.1 400 ");
            assertThat(get(front.port(), "POST /a HTTP/1.1\r\nHost: localhost\r\nContent-Length: 999999\r\n\r\n"))
                    .startsWith("HTTP/1.1 413 ");
            assertThat(get(front.port(), "GET /a HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n\r\n"))
                    .startsWith("HTTP/1.1 501 ");
            assertThat(get(front.port(), "GET /a HTTP/1.1\r\nHost: x\r\nHost: y\r\n\r\n"))
                    .startsWith("HTTP/1.1 400 ");
            assertThat(get(front.port(), "GET /a HTTP/1.1\r\nHost: localhost\r\nX: " + "a".repeat(20_000) + "\r\n\r\n"))
                    .startsWith("HTTP/1.1 431 ");
            assertThat(get(front.port(), "GET /a HTTP/1.1\r\nHost: localh")).startsWith("HTTP/1.1 400 ");
        }
    }

    @Test
    void loopbackNamesAreRecognised() {
        assertThat(HttpFront.loopbackName("localhost")).isTrue();
        assertThat(HttpFront.loopbackName("127.0.0.1")).isTrue();
        assertThat(HttpFront.loopbackName("127.1.2.3")).isTrue();
        assertThat(HttpFront.loopbackName("[::1]")).isTrue();
        assertThat(HttpFront.loopbackName("127.0.0.1.nip.io")).isFalse();
        assertThat(HttpFront.loopbackName("127.0.0.256")).isFalse();
        assertThat(HttpFront.loopbackName("localhost.evil.example")).isFalse();
        assertThat(HttpFront.loopbackName("evil.example")).isFalse();
    }

    private static int recurse(int depth) {
        if (depth < 0) {
            return 0;
        }
        return recurse(depth + 1) + 1;
    }

    private static String get(int port, String request) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1000);
            socket.setSoTimeout(10_000);
            try {
                socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
                socket.shutdownOutput();
            } catch (IOException e) {
                // answered and closed before reading it all
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            InputStream in = socket.getInputStream();
            in.transferTo(out);
            return out.toString(StandardCharsets.ISO_8859_1);
        }
    }
}
