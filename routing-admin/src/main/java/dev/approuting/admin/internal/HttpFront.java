package dev.approuting.admin.internal;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admin server's HTTP/1.1 front: one selector thread reads every request line, header block and body
 * without blocking, so a slow or half-sent request holds a buffer, never a thread. Only a complete request
 * that passes the checks the front can make on its own (well-formed, its {@code Host} a loopback name when
 * bound to loopback, the bearer token) reaches the handler, on a small bounded pool; the response is
 * written back without blocking too. Every connection has deadlines:
 *
 * <ul>
 *   <li>the request must arrive whole within {@code requestTimeout}, else 408 and close;
 *   <li>the handler must answer within {@code responseTimeout}, else 503, and the answer must be taken by
 *       the client within another {@code responseTimeout}, else the connection is closed;
 *   <li>one client address holds at most {@code maxConnectionsPerClient} connections, all clients together
 *       {@code maxConnections}; the ones beyond get a 503 and are closed at once.
 * </ul>
 *
 * <p>One request per connection ({@code Connection: close}); no request bodies beyond {@link
 * RequestHead#MAX_BODY}. Only the selector thread touches a connection's state; handler threads hand their
 * response over through a queue.
 */
public final class HttpFront implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(HttpFront.class);
    private static final long LINGER_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final long TICK_MILLIS = 100;

    /**
     * How the front treats its clients.
     *
     * @param requestTimeout how long a client may take to send its whole request
     * @param responseTimeout how long the handler may take to answer, and the client to take the answer
     * @param maxConnectionsPerClient connections one client address may hold at once
     * @param maxConnections connections all clients may hold at once
     * @param handlerThreads threads running the handler
     * @param token the bearer token every request must carry, or {@code null}
     * @param loopbackHostsOnly whether only {@code Host: localhost}, {@code 127.x.y.z} and {@code [::1]} are
     *     answered (the front is bound to loopback: this guards against DNS rebinding)
     */
    public record Settings(
            Duration requestTimeout,
            Duration responseTimeout,
            int maxConnectionsPerClient,
            int maxConnections,
            int handlerThreads,
            @Nullable BearerToken token,
            boolean loopbackHostsOnly) {}

    private enum State {
        READING,
        HANDLING,
        WRITING,
        DRAINING
    }

    private final class Conn {
        final SocketChannel channel;
        final InetAddress client;
        State state = State.READING;
        long deadline;
        byte[] in = new byte[1024];
        int length;

        @Nullable
        RequestHead head;

        @Nullable
        ByteBuffer out;

        Conn(SocketChannel channel, InetAddress client) {
            this.channel = channel;
            this.client = client;
            this.deadline = System.nanoTime() + settings.requestTimeout().toNanos();
        }
    }

    private static final class Reply {
        final Conn conn;
        final byte[] bytes;

        Reply(Conn conn, byte[] bytes) {
            this.conn = conn;
            this.bytes = bytes;
        }
    }

    private final Settings settings;
    private final HttpHandler handler;
    private final ServerSocketChannel server;
    private final Selector selector;
    private final ThreadPoolExecutor handlers;
    private final Thread loop;
    private final ConcurrentLinkedQueue<Reply> replies = new ConcurrentLinkedQueue<>();
    private final Map<InetAddress, Integer> perClient = new HashMap<>();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong timedOut = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private volatile boolean running = true;
    private int open;

    /**
     * Binds {@code address} and starts serving {@code handler}.
     *
     * @throws IOException when the address cannot be bound
     */
    public HttpFront(InetSocketAddress address, HttpHandler handler, Settings settings) throws IOException {
        this.settings = settings;
        this.handler = handler;
        this.selector = Selector.open();
        this.server = ServerSocketChannel.open();
        try {
            server.bind(address, 1024);
            server.configureBlocking(false);
            server.register(selector, SelectionKey.OP_ACCEPT);
        } catch (IOException e) {
            server.close();
            selector.close();
            throw e;
        }
        AtomicInteger threads = new AtomicInteger();
        this.handlers = new ThreadPoolExecutor(
                settings.handlerThreads(),
                settings.handlerThreads(),
                60,
                TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(64),
                r -> {
                    Thread t = new Thread(r, "approuting-admin-http-" + threads.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        this.loop = new Thread(this::run, "approuting-admin-front");
        loop.setDaemon(true);
        loop.start();
    }

    /** Returns the port the front listens on. */
    public int port() {
        return server.socket().getLocalPort();
    }

    /**
     * Returns how many connections were refused for a cap, timed out, or saw their handler fail, in that
     * order (for tests and the log).
     */
    public long[] counts() {
        return new long[] {refused.get(), timedOut.get(), failed.get()};
    }

    /** Stops accepting, closes every connection and the handler pool. */
    @Override
    public void close() {
        running = false;
        selector.wakeup();
        try {
            loop.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        handlers.shutdownNow();
    }

    private void run() {
        try {
            while (running) {
                selector.select(TICK_MILLIS);
                for (SelectionKey key : selector.selectedKeys()) {
                    handle(key);
                }
                selector.selectedKeys().clear();
                Reply reply;
                while ((reply = replies.poll()) != null) {
                    if (reply.conn.state == State.HANDLING) {
                        write(reply.conn, reply.bytes);
                    }
                }
                expire();
            }
        } catch (IOException | RuntimeException e) {
            log.error("admin: the HTTP front stopped: {}", e.toString(), e);
        } finally {
            for (SelectionKey key : selector.keys()) {
                quietly(key);
            }
            try {
                selector.close();
                server.close();
            } catch (IOException e) {
                log.debug("admin: closing the listener failed: {}", e.toString());
            }
        }
    }

    private void handle(SelectionKey key) {
        if (!key.isValid()) {
            return;
        }
        if (key.isAcceptable()) {
            accept();
            return;
        }
        Conn conn = (Conn) key.attachment();
        try {
            if (key.isReadable()) {
                read(key, conn);
            } else if (key.isWritable()) {
                flush(key, conn);
            }
        } catch (IOException | RuntimeException e) {
            log.debug("admin: connection from {} dropped: {}", conn.client.getHostAddress(), e.toString());
            drop(key);
        }
    }

    private void accept() {
        SocketChannel channel;
        try {
            channel = server.accept();
        } catch (IOException e) {
            log.debug("admin: accept failed: {}", e.toString());
            return;
        }
        if (channel == null) {
            return;
        }
        try {
            channel.configureBlocking(false);
            InetAddress client = ((InetSocketAddress) channel.getRemoteAddress()).getAddress();
            int mine = perClient.getOrDefault(client, 0);
            if (mine >= settings.maxConnectionsPerClient() || open >= settings.maxConnections()) {
                refused.incrementAndGet();
                String why = mine >= settings.maxConnectionsPerClient()
                        ? "this client holds " + mine + " connections already (maxConnectionsPerClient)"
                        : "the admin server holds " + open + " connections already (maxConnections)";
                channel.write(ByteBuffer.wrap(error(503, why + ": close some and try again", null)));
                channel.close();
                return;
            }
            perClient.merge(client, 1, Integer::sum);
            open++;
            channel.register(selector, SelectionKey.OP_READ, new Conn(channel, client));
        } catch (IOException | RuntimeException e) {
            log.debug("admin: could not take a connection: {}", e.toString());
            try {
                channel.close();
            } catch (IOException ignored) {
                // nothing to do: it was never registered
            }
        }
    }

    private void read(SelectionKey key, Conn conn) throws IOException {
        if (conn.state == State.DRAINING) {
            ByteBuffer sink = ByteBuffer.allocate(4096);
            int n;
            while ((n = conn.channel.read(sink)) > 0) {
                sink.clear();
            }
            if (n < 0) {
                drop(key);
            }
            return;
        }
        if (conn.state != State.READING) {
            return;
        }
        int limit = RequestHead.MAX_HEAD + RequestHead.MAX_BODY;
        boolean ended = false;
        while (true) {
            if (conn.length == conn.in.length) {
                if (conn.in.length >= limit) {
                    break;
                }
                byte[] bigger = new byte[Math.min(limit, conn.in.length * 2)];
                System.arraycopy(conn.in, 0, bigger, 0, conn.length);
                conn.in = bigger;
            }
            int n = conn.channel.read(ByteBuffer.wrap(conn.in, conn.length, conn.in.length - conn.length));
            if (n < 0) {
                if (conn.length == 0) {
                    drop(key);
                    return;
                }
                ended = true;
                break;
            }
            if (n == 0) {
                break;
            }
            conn.length += n;
        }
        RequestHead head = conn.head;
        if (head == null) {
            try {
                head = RequestHead.parse(conn.in, conn.length);
            } catch (RequestHead.Refused e) {
                answer(conn, error(e.status(), String.valueOf(e.getMessage()), null));
                return;
            }
            if (head == null) {
                if (ended) {
                    answer(conn, error(400, "the request ended before its head was complete", null));
                }
                return;
            }
            conn.head = head;
        }
        if (conn.length < head.headLength() + head.contentLength()) {
            if (ended) {
                answer(conn, error(400, "the request ended before its body was complete (Content-Length)", head));
            }
            return;
        }
        byte[] refusal = check(head);
        if (refusal != null) {
            answer(conn, refusal);
            return;
        }
        dispatch(key, conn, head);
    }

    private byte @Nullable [] check(RequestHead head) {
        if (settings.loopbackHostsOnly()) {
            String host = head.host();
            if (host != null && !loopbackName(host)) {
                return error(
                        421,
                        "the admin server listens on loopback and answers only the Host names localhost,"
                                + " 127.0.0.1 and [::1] (a guard against DNS rebinding): reach it through"
                                + " http://127.0.0.1:" + port() + "/ or kubectl port-forward",
                        head);
            }
        }
        BearerToken token = settings.token();
        if (token != null
                && !ConsolePages.browsing(head.uri().getPath())
                && !token.accepts(head.headers().getFirst("Authorization"))) {
            Headers extra = new Headers();
            extra.set("WWW-Authenticate", "Bearer realm=\"approuting admin\"");
            return FrontExchange.serialize(
                    401,
                    jsonHeaders(extra),
                    JsonView.error(
                                    "this admin page needs a bearer token: send the header 'Authorization:"
                                            + " Bearer <token>'",
                                    "paths",
                                    List.of())
                            .getBytes(StandardCharsets.UTF_8),
                    head);
        }
        return null;
    }

    static boolean loopbackName(String host) {
        if (host.equals("localhost") || host.endsWith(".localhost") || host.equals("[::1]")) {
            return true;
        }
        String[] parts = host.split("\\.", -1);
        if (parts.length != 4 || !parts[0].equals("127")) {
            return false;
        }
        for (String p : parts) {
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(c -> c >= '0' && c <= '9')) {
                return false;
            }
            if (Integer.parseInt(p) > 255) {
                return false;
            }
        }
        return true;
    }

    private void dispatch(SelectionKey key, Conn conn, RequestHead head) {
        key.interestOps(0);
        conn.state = State.HANDLING;
        conn.deadline = System.nanoTime() + settings.responseTimeout().toNanos();
        InetSocketAddress remote;
        InetSocketAddress local;
        try {
            remote = (InetSocketAddress) conn.channel.getRemoteAddress();
            local = (InetSocketAddress) conn.channel.getLocalAddress();
        } catch (IOException e) {
            drop(key);
            return;
        }
        byte[] body = new byte[head.contentLength()];
        System.arraycopy(conn.in, head.headLength(), body, 0, body.length);
        conn.in = new byte[0];
        try {
            handlers.execute(() -> serve(conn, head, body, remote, local));
        } catch (RejectedExecutionException e) {
            write(conn, error(503, "the admin server is busy with other requests: try again in a moment", head));
        }
    }

    private void serve(Conn conn, RequestHead head, byte[] body, InetSocketAddress remote, InetSocketAddress local) {
        FrontExchange exchange = new FrontExchange(head, body, remote, local, bytes -> reply(conn, bytes));
        try {
            handler.handle(exchange);
        } catch (IOException | RuntimeException | Error e) {
            failed.incrementAndGet();
            log.warn("admin: {} {} failed: {}", head.method(), head.uri().getRawPath(), e.toString(), e);
        }
        if (!exchange.answered()) {
            failed.incrementAndGet();
            reply(
                    conn,
                    error(
                            500,
                            "internal error while answering " + head.uri().getRawPath()
                                    + "; the server log has the details",
                            head));
        }
    }

    private void reply(Conn conn, byte[] bytes) {
        replies.add(new Reply(conn, bytes));
        selector.wakeup();
    }

    private void answer(Conn conn, byte[] bytes) {
        write(conn, bytes);
    }

    private void write(Conn conn, byte[] bytes) {
        SelectionKey key = conn.channel.keyFor(selector);
        if (key == null || !key.isValid()) {
            return;
        }
        conn.state = State.WRITING;
        conn.out = ByteBuffer.wrap(bytes);
        conn.deadline = System.nanoTime() + settings.responseTimeout().toNanos();
        conn.in = new byte[0];
        try {
            flush(key, conn);
        } catch (IOException | RuntimeException e) {
            drop(key);
        }
    }

    private void flush(SelectionKey key, Conn conn) throws IOException {
        ByteBuffer out = conn.out;
        if (conn.state != State.WRITING || out == null) {
            return;
        }
        conn.channel.write(out);
        if (out.hasRemaining()) {
            key.interestOps(SelectionKey.OP_WRITE);
            return;
        }
        conn.out = null;
        conn.channel.shutdownOutput();
        conn.state = State.DRAINING;
        conn.deadline = System.nanoTime() + LINGER_NANOS;
        key.interestOps(SelectionKey.OP_READ);
    }

    private void expire() {
        long now = System.nanoTime();
        List<SelectionKey> keys = new ArrayList<>(selector.keys());
        for (SelectionKey key : keys) {
            if (!(key.attachment() instanceof Conn conn) || now - conn.deadline < 0) {
                continue;
            }
            switch (conn.state) {
                case READING -> {
                    timedOut.incrementAndGet();
                    write(
                            conn,
                            error(
                                    408,
                                    "the request did not arrive whole within " + seconds(settings.requestTimeout())
                                            + " (requestTimeout)",
                                    null));
                    if (conn.state == State.WRITING) {
                        conn.deadline = now + LINGER_NANOS;
                    }
                }
                case HANDLING -> {
                    timedOut.incrementAndGet();
                    write(
                            conn,
                            error(
                                    503,
                                    "the answer was not ready within " + seconds(settings.responseTimeout())
                                            + " (responseTimeout): try again",
                                    conn.head));
                }
                case WRITING -> {
                    timedOut.incrementAndGet();
                    drop(key);
                }
                case DRAINING -> drop(key);
            }
        }
    }

    private void drop(SelectionKey key) {
        if (key.attachment() instanceof Conn conn) {
            key.attach(null);
            perClient.computeIfPresent(conn.client, (c, n) -> n <= 1 ? null : n - 1);
            open--;
        }
        quietly(key);
    }

    private static void quietly(SelectionKey key) {
        key.cancel();
        try {
            key.channel().close();
        } catch (IOException e) {
            log.debug("admin: closing a connection failed: {}", e.toString());
        }
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    private static Headers jsonHeaders(Headers headers) {
        headers.set("Content-Type", "application/json; charset=utf-8");
        return headers;
    }

    /** Renders a JSON error response with the admin pages' headers. */
    static byte[] error(int status, String message, @Nullable RequestHead request) {
        return FrontExchange.serialize(
                status,
                jsonHeaders(new Headers()),
                JsonView.error(message, "paths", List.of()).getBytes(StandardCharsets.UTF_8),
                request);
    }
}
