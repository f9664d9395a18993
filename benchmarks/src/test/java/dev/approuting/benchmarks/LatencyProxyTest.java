package dev.approuting.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The proxy against a loopback echo server: bytes arrive intact, in order, in both directions. */
class LatencyProxyTest {
    private ServerSocket echo;

    @BeforeEach
    void startEcho() throws IOException {
        echo = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread thread = new Thread(
                () -> {
                    while (!echo.isClosed()) {
                        try (Socket s = echo.accept()) {
                            s.getInputStream().transferTo(s.getOutputStream());
                        } catch (IOException e) {
                            // closed, or the client went away: take the next one
                        }
                    }
                },
                "echo");
        thread.setDaemon(true);
        thread.start();
    }

    @AfterEach
    void stopEcho() throws IOException {
        echo.close();
    }

    @Test
    void forwardsEveryByteInOrderBothWays() throws Exception {
        byte[] sent = new byte[3 * 1024 * 1024 + 17];
        new Random(21).nextBytes(sent);
        for (Duration roundTrip : new Duration[] {Duration.ZERO, Duration.ofMillis(1)}) {
            try (LatencyProxy proxy = LatencyProxy.start(echo.getLocalPort(), roundTrip);
                    Socket client = new Socket(InetAddress.getLoopbackAddress(), proxy.port())) {
                Thread writer = new Thread(() -> {
                    try {
                        OutputStream out = client.getOutputStream();
                        // Uneven writes, so chunks are cut at different places in each direction.
                        for (int at = 0, step = 1; at < sent.length; at += step, step = step * 3 % 70_001 + 1) {
                            out.write(sent, at, Math.min(step, sent.length - at));
                        }
                        client.shutdownOutput();
                    } catch (IOException e) {
                        throw new IllegalStateException(e);
                    }
                });
                writer.start();
                InputStream in = client.getInputStream();
                byte[] received = in.readAllBytes();
                writer.join();

                assertThat(received)
                        .as("echoed through a %s proxy", proxy.label())
                        .isEqualTo(sent);
                assertThat(proxy.connections()).isEqualTo(1);
                assertThat(proxy.takePeak()).as("most connections open at once").isEqualTo(1);
                assertThat(proxy.requests()).isPositive();
            }
        }
    }

    @Test
    void closingTheProxyEndsItsConnections() throws Exception {
        LatencyProxy proxy = LatencyProxy.start(echo.getLocalPort(), Duration.ofMillis(1));
        try (Socket client = new Socket(InetAddress.getLoopbackAddress(), proxy.port())) {
            client.getOutputStream().write(1);
            assertThat(client.getInputStream().read()).isEqualTo(1);

            proxy.close();

            assertThat(client.getInputStream().read()).isEqualTo(-1);
        }
    }

    @Test
    void refusesANegativeRoundTrip() {
        assertThatThrownBy(() -> LatencyProxy.start(1, Duration.ofMillis(-1))).hasMessageContaining("negative");
    }
}
