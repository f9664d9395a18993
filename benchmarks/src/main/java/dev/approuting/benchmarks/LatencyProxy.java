package dev.approuting.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * A TCP proxy on the loopback interface that delays every chunk of bytes, in each direction, by half a
 * configured round trip: a request and its response together pay one round trip, as they do between a
 * service and a database server in another zone or region. The harness puts it between the migrator and
 * the embedded server, whose own round trips are a few microseconds.
 *
 * <p>Each direction of each connection has a reader thread, which stamps every chunk it reads with the
 * time it is due and queues it, and a writer thread, which parks until a chunk is due and writes it. The
 * delay is the same for every chunk, so the queue is in due order: order is kept, nothing busy-waits,
 * and the reader never waits for the writer, so the proxy adds latency, not a throughput limit.
 *
 * <pre>{@code
 * try (LatencyProxy proxy = LatencyProxy.start(server.port(), Duration.ofMillis(1))) {
 *     DbCredentials c = DbCredentials.of("localhost", proxy.port(), "shop", "postgres", "postgres");
 * }
 * }</pre>
 */
final class LatencyProxy implements AutoCloseable {
    private static final int CHUNK = 64 * 1024;
    private static final Chunk END = new Chunk(0, new byte[0]);

    private final ServerSocket listener;
    private final int targetPort;
    private final long halfRoundTripNanos;
    private final Duration roundTrip;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger active = new AtomicInteger();
    private final AtomicInteger peak = new AtomicInteger();
    private final AtomicLong requests = new AtomicLong();
    private volatile boolean closed;

    /** Bytes read in one go, and when they are due at the other side; the empty chunk ends a direction. */
    private static final class Chunk {
        private final long dueNanos;
        private final byte[] bytes;

        Chunk(long dueNanos, byte[] bytes) {
            this.dueNanos = dueNanos;
            this.bytes = bytes;
        }
    }

    private LatencyProxy(ServerSocket listener, int targetPort, Duration roundTrip) {
        this.listener = listener;
        this.targetPort = targetPort;
        this.roundTrip = roundTrip;
        this.halfRoundTripNanos = roundTrip.toNanos() / 2;
    }

    /**
     * Listens on a free loopback port and forwards each connection to {@code targetPort} on the loopback
     * interface, each chunk delayed by half of {@code roundTrip} (zero forwards through the same threads and
     * queues without a delay: the proxy's own cost).
     */
    static LatencyProxy start(int targetPort, Duration roundTrip) {
        if (roundTrip.isNegative()) {
            throw new IllegalArgumentException("round trip " + roundTrip + " is negative: give zero or more");
        }
        try {
            ServerSocket listener = new ServerSocket();
            listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            LatencyProxy proxy = new LatencyProxy(listener, targetPort, roundTrip);
            daemon("latency-proxy-" + listener.getLocalPort(), proxy::accept).start();
            return proxy;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the latency proxy's port", e);
        }
    }

    /** Returns the port clients connect to. */
    int port() {
        return listener.getLocalPort();
    }

    /** Returns the configured round trip. */
    Duration roundTrip() {
        return roundTrip;
    }

    /** Returns how many connections were accepted so far. */
    int connections() {
        return connections.get();
    }

    /**
     * Returns the most connections open at once since the last call (or the start), then starts counting again
     * from those open now: the server sessions a run held at its peak.
     */
    int takePeak() {
        return peak.getAndSet(active.get());
    }

    /** Returns how many chunks went from clients to the server so far: about the requests, each one round trip. */
    long requests() {
        return requests.get();
    }

    /** Returns the round trip as a short label, such as {@code 0.5 ms}. */
    String label() {
        return ResultTable.number(roundTrip.toNanos() / 1_000_000.0, roundTrip.toNanos() % 1_000_000 == 0 ? 0 : 1)
                + " ms";
    }

    private void accept() {
        while (!closed) {
            Socket client;
            try {
                client = listener.accept();
            } catch (IOException e) {
                return; // closed
            }
            Socket server = new Socket();
            try {
                sockets.add(client);
                sockets.add(server);
                server.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort));
                client.setTcpNoDelay(true);
                server.setTcpNoDelay(true);
            } catch (IOException e) {
                closeQuietly(client);
                closeQuietly(server);
                continue;
            }
            int id = connections.incrementAndGet();
            int now = active.incrementAndGet();
            peak.accumulateAndGet(now, Math::max);
            AtomicInteger open = new AtomicInteger(2);
            pipe("latency-proxy-c" + id + "-up", client, server, open, true);
            pipe("latency-proxy-c" + id + "-down", server, client, open, false);
        }
    }

    /** Starts the reader and the writer of one direction; the last direction to end closes both sockets. */
    private void pipe(String name, Socket from, Socket to, AtomicInteger open, boolean countRequests) {
        BlockingQueue<Chunk> queue = new LinkedBlockingQueue<>();
        daemon(name + "-read", () -> {
                    byte[] buffer = new byte[CHUNK];
                    try {
                        InputStream in = from.getInputStream();
                        int n;
                        while ((n = in.read(buffer)) >= 0) {
                            if (n > 0) {
                                queue.add(new Chunk(System.nanoTime() + halfRoundTripNanos, Arrays.copyOf(buffer, n)));
                                if (countRequests) {
                                    requests.incrementAndGet();
                                }
                            }
                        }
                    } catch (IOException e) {
                        // the socket was closed or reset: end this direction
                    }
                    queue.add(END);
                })
                .start();
        daemon(name + "-write", () -> {
                    try {
                        OutputStream out = to.getOutputStream();
                        while (true) {
                            Chunk chunk = queue.take();
                            if (chunk.bytes.length == 0) {
                                break;
                            }
                            long wait;
                            while ((wait = chunk.dueNanos - System.nanoTime()) > 0) {
                                LockSupport.parkNanos(wait);
                            }
                            out.write(chunk.bytes);
                        }
                        to.shutdownOutput();
                    } catch (IOException e) {
                        // the peer went away: end this direction
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    } finally {
                        if (open.decrementAndGet() == 0) {
                            active.decrementAndGet();
                            closeQuietly(from);
                            closeQuietly(to);
                        }
                    }
                })
                .start();
    }

    private static Thread daemon(String name, Runnable work) {
        Thread thread = new Thread(work, name);
        thread.setDaemon(true);
        return thread;
    }

    private void closeQuietly(Socket socket) {
        sockets.remove(socket);
        try {
            socket.close();
        } catch (IOException e) {
            // nothing left to do for a socket that will not close
        }
    }

    /** Stops listening and closes every connection. */
    @Override
    public void close() {
        closed = true;
        try {
            listener.close();
        } catch (IOException e) {
            // nothing left to do
        }
        for (Socket socket : sockets) {
            closeQuietly(socket);
        }
    }

    @Override
    public String toString() {
        return "LatencyProxy[port=" + port() + ", target=" + targetPort + ", roundTrip=" + label() + "]";
    }
}
