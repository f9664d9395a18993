package dev.approuting.admin.internal;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpPrincipal;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * One request of the {@link HttpFront}, given to an ordinary {@link com.sun.net.httpserver.HttpHandler}.
 * The whole request has been read before the handler runs and the whole response is buffered: nothing
 * reaches the client until the handler closes the exchange, so a handler failing half-way still lets the
 * front answer a clean 500. Every response carries {@code Connection: close}, its length and the security
 * headers of the admin pages.
 */
final class FrontExchange extends HttpExchange {
    static final String CSP = "default-src 'none'; style-src 'self'; img-src 'self'; script-src 'self';"
            + " base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    private final RequestHead head;
    private final InetSocketAddress remote;
    private final InetSocketAddress local;
    private final Consumer<byte[]> reply;
    private final Headers responseHeaders = new Headers();
    private final ByteArrayOutputStream responseBody = new ByteArrayOutputStream();
    private final Map<String, Object> attributes = new HashMap<>();
    private InputStream in;
    private OutputStream out;
    private int status = -1;
    private boolean noBody;
    private boolean closed;

    FrontExchange(
            RequestHead head, byte[] body, InetSocketAddress remote, InetSocketAddress local, Consumer<byte[]> reply) {
        this.head = head;
        this.remote = remote;
        this.local = local;
        this.reply = reply;
        this.in = new ByteArrayInputStream(body);
        this.out = responseBody;
    }

    /** Returns whether the handler has closed the exchange, so that its response went out. */
    synchronized boolean answered() {
        return closed && status != -1;
    }

    @Override
    public Headers getRequestHeaders() {
        return head.headers();
    }

    @Override
    public Headers getResponseHeaders() {
        return responseHeaders;
    }

    @Override
    public URI getRequestURI() {
        return head.uri();
    }

    @Override
    public String getRequestMethod() {
        return head.method();
    }

    @Override
    public HttpContext getHttpContext() {
        throw new UnsupportedOperationException("the admin front has one handler and no contexts");
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (status != -1) {
            reply.accept(serialize(status, responseHeaders, noBody ? new byte[0] : responseBody.toByteArray(), head));
        }
    }

    @Override
    public InputStream getRequestBody() {
        return in;
    }

    @Override
    public OutputStream getResponseBody() {
        return out;
    }

    @Override
    public synchronized void sendResponseHeaders(int rCode, long responseLength) {
        if (status != -1) {
            throw new IllegalStateException("the response headers were sent already");
        }
        if (rCode < 100 || rCode > 999) {
            throw new IllegalArgumentException("not an HTTP status: " + rCode);
        }
        status = rCode;
        noBody = responseLength == -1;
    }

    @Override
    public InetSocketAddress getRemoteAddress() {
        return remote;
    }

    @Override
    public synchronized int getResponseCode() {
        return status;
    }

    @Override
    public InetSocketAddress getLocalAddress() {
        return local;
    }

    @Override
    public String getProtocol() {
        return head.protocol();
    }

    @Override
    public @Nullable Object getAttribute(String name) {
        return attributes.get(name);
    }

    @Override
    public void setAttribute(String name, @Nullable Object value) {
        if (value == null) {
            attributes.remove(name);
        } else {
            attributes.put(name, value);
        }
    }

    @Override
    public void setStreams(@Nullable InputStream i, @Nullable OutputStream o) {
        if (i != null) {
            in = i;
        }
        if (o != null) {
            out = o;
        }
    }

    @Override
    public @Nullable HttpPrincipal getPrincipal() {
        return null;
    }

    /**
     * Renders a whole response: status line, the given headers (CR and LF removed from values), the
     * security headers where the handler set none, its length and {@code Connection: close}. A {@code HEAD}
     * request gets the headers only, keeping a {@code Content-Length} its handler set.
     */
    static byte[] serialize(int status, Headers headers, byte[] body, @Nullable RequestHead request) {
        boolean head = request != null && request.method().equals("HEAD");
        StringBuilder b = new StringBuilder(256);
        b.append("HTTP/1.1 ").append(status).append(' ').append(reason(status)).append("\r\n");
        defaults(headers, "Cache-Control", "no-store");
        defaults(headers, "X-Content-Type-Options", "nosniff");
        defaults(headers, "Referrer-Policy", "no-referrer");
        defaults(headers, "Content-Security-Policy", CSP);
        if (!head || !headers.containsKey("Content-Length")) {
            headers.set("Content-Length", Integer.toString(body.length));
        }
        headers.set("Connection", "close");
        for (Map.Entry<String, List<String>> e : headers.entrySet()) {
            for (String v : e.getValue()) {
                b.append(canonical(e.getKey()))
                        .append(": ")
                        .append(v.replace('\r', ' ').replace('\n', ' '))
                        .append("\r\n");
            }
        }
        b.append("\r\n");
        byte[] top = b.toString().getBytes(StandardCharsets.ISO_8859_1);
        if (head) {
            return top;
        }
        byte[] all = new byte[top.length + body.length];
        System.arraycopy(top, 0, all, 0, top.length);
        System.arraycopy(body, 0, all, top.length, body.length);
        return all;
    }

    /** Returns a header name as it is usually written ({@code Content-Security-Policy}, {@code WWW-Authenticate}). */
    static String canonical(String name) {
        StringBuilder b = new StringBuilder(name.length());
        for (String part : name.split("-", -1)) {
            if (b.length() > 0) {
                b.append('-');
            }
            if (part.equalsIgnoreCase("www")) {
                b.append("WWW");
            } else if (!part.isEmpty()) {
                b.append(Character.toUpperCase(part.charAt(0)))
                        .append(part.substring(1).toLowerCase(java.util.Locale.ROOT));
            }
        }
        return b.toString();
    }

    private static void defaults(Headers headers, String name, String value) {
        if (!headers.containsKey(name)) {
            headers.set(name, value);
        }
    }

    static String reason(int status) {
        return switch (status) {
            case 200 -> "OK";
            case 304 -> "Not Modified";
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 408 -> "Request Timeout";
            case 413 -> "Content Too Large";
            case 421 -> "Misdirected Request";
            case 431 -> "Request Header Fields Too Large";
            case 500 -> "Internal Server Error";
            case 501 -> "Not Implemented";
            case 503 -> "Service Unavailable";
            case 505 -> "HTTP Version Not Supported";
            default -> "Status";
        };
    }
}
