package dev.approuting.admin.internal;

import com.sun.net.httpserver.Headers;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The request line and headers of one HTTP/1.x request, parsed strictly from the bytes a client sent.
 * Anything malformed is a {@link Refused} with the status to answer and a message saying what was wrong;
 * no other exception escapes {@link #parse}.
 *
 * @param method the request method
 * @param uri the request target
 * @param protocol {@code HTTP/1.0} or {@code HTTP/1.1}
 * @param headers the request headers
 * @param headLength how many bytes the request line and headers took, blank line included
 * @param contentLength the length of the body that follows, 0 when none
 */
public record RequestHead(String method, URI uri, String protocol, Headers headers, int headLength, int contentLength) {
    /** The longest request line and headers accepted. */
    public static final int MAX_HEAD = 16 * 1024;

    /** The longest body accepted (the admin pages take none, so this is only a bound). */
    public static final int MAX_BODY = 64 * 1024;

    private static final int MAX_HEADERS = 100;
    private static final int MAX_METHOD = 32;
    private static final String TOKEN_CHARS = "!#$%&'*+-.^_`|~";

    /** A request that cannot be served: the status to answer and why. */
    public static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;

        private final int status;

        Refused(int status, String message) {
            super(message, null, false, false);
            this.status = status;
        }

        /** Returns the HTTP status to answer. */
        public int status() {
            return status;
        }
    }

    /**
     * Parses the head at the start of {@code bytes[0..length)}.
     *
     * @return the head, or {@code null} when its end has not arrived yet
     * @throws Refused when the bytes are no acceptable request head
     */
    public static @Nullable RequestHead parse(byte[] bytes, int length) throws Refused {
        int start = 0;
        while (start + 1 < length && bytes[start] == '\r' && bytes[start + 1] == '\n') {
            start += 2;
        }
        int end = headEnd(bytes, start, length);
        if (end < 0) {
            if (length >= MAX_HEAD) {
                throw new Refused(431, "the request line and headers are longer than " + MAX_HEAD + " bytes");
            }
            return null;
        }
        if (end > MAX_HEAD) {
            throw new Refused(431, "the request line and headers are longer than " + MAX_HEAD + " bytes");
        }
        for (int i = start; i < end; i++) {
            int b = bytes[i] & 0xff;
            if ((b < 0x20 && b != '\r' && b != '\n' && b != '\t') || b == 0x7f) {
                throw new Refused(400, "the request holds a control character (byte " + b + ") in its head");
            }
        }
        String head = new String(bytes, start, end - start, StandardCharsets.ISO_8859_1);
        String[] lines = head.split("\r?\n", -1);
        String[] parts = lines[0].split(" ", -1);
        if (parts.length != 3) {
            throw new Refused(400, "the request line is not 'METHOD /path HTTP/1.1'");
        }
        String method = parts[0];
        if (method.isEmpty() || method.length() > MAX_METHOD || !token(method)) {
            throw new Refused(400, "the request method is not a valid token");
        }
        String protocol = parts[2];
        if (!protocol.equals("HTTP/1.1") && !protocol.equals("HTTP/1.0")) {
            if (protocol.matches("HTTP/[0-9]\\.[0-9]")) {
                throw new Refused(505, "only HTTP/1.0 and HTTP/1.1 are served");
            }
            throw new Refused(400, "the request line does not end in HTTP/1.1");
        }
        URI uri = target(parts[1]);
        Headers headers = new Headers();
        int count = 0;
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i];
            if (line.isEmpty()) {
                continue;
            }
            if (++count > MAX_HEADERS) {
                throw new Refused(431, "the request has more than " + MAX_HEADERS + " headers");
            }
            if (line.charAt(0) == ' ' || line.charAt(0) == '\t') {
                throw new Refused(400, "folded header lines are not accepted");
            }
            int colon = line.indexOf(':');
            if (colon <= 0 || !token(line.substring(0, colon))) {
                throw new Refused(400, "a header line is not 'Name: value'");
            }
            if (line.indexOf('\r') >= 0) {
                throw new Refused(400, "a header line holds a bare carriage return");
            }
            headers.add(line.substring(0, colon), line.substring(colon + 1).strip());
        }
        var hosts = headers.get("Host");
        if (hosts != null && hosts.size() > 1) {
            throw new Refused(400, "the request has more than one Host header");
        }
        if (protocol.equals("HTTP/1.1") && hosts == null) {
            throw new Refused(400, "an HTTP/1.1 request needs a Host header");
        }
        if (headers.containsKey("Transfer-Encoding")) {
            throw new Refused(501, "request bodies with Transfer-Encoding are not accepted; the admin pages take none");
        }
        int contentLength = contentLength(headers);
        return new RequestHead(method, uri, protocol, headers, end, contentLength);
    }

    /** Returns the host part of the {@code Host} header, lower case and without the port, or {@code null}. */
    public @Nullable String host() {
        String host = headers.getFirst("Host");
        if (host == null) {
            return null;
        }
        String h = host.toLowerCase(Locale.ROOT);
        if (h.startsWith("[")) {
            int close = h.indexOf(']');
            return close < 0 ? h : h.substring(0, close + 1);
        }
        int colon = h.indexOf(':');
        return colon < 0 ? h : h.substring(0, colon);
    }

    private static int headEnd(byte[] bytes, int from, int length) {
        for (int i = from; i < length; i++) {
            if (bytes[i] != '\n') {
                continue;
            }
            if (i + 1 < length && bytes[i + 1] == '\n') {
                return i + 2;
            }
            if (i + 2 < length && bytes[i + 1] == '\r' && bytes[i + 2] == '\n') {
                return i + 3;
            }
        }
        return -1;
    }

    private static URI target(String raw) throws Refused {
        if (raw.isEmpty() || raw.charAt(0) != '/') {
            throw new Refused(400, "the request target must be a path starting with '/'");
        }
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c <= 0x20 || c >= 0x7f) {
                throw new Refused(400, "the request target holds a character that must be percent-encoded");
            }
        }
        try {
            URI uri = new URI(raw);
            if (uri.getPath() == null || uri.getRawAuthority() != null) {
                throw new Refused(400, "the request target is not a plain path");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new Refused(400, "the request target is no valid URI path");
        }
    }

    private static int contentLength(Headers headers) throws Refused {
        var values = headers.get("Content-Length");
        if (values == null) {
            return 0;
        }
        String first = values.get(0);
        for (String v : values) {
            if (!v.equals(first)) {
                throw new Refused(400, "the request has conflicting Content-Length headers");
            }
        }
        if (first.isEmpty() || first.length() > 9 || !first.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new Refused(400, "the Content-Length header is not a number");
        }
        int length = Integer.parseInt(first);
        if (length > MAX_BODY) {
            throw new Refused(413, "the request body is longer than " + MAX_BODY + " bytes; the admin pages take none");
        }
        return length;
    }

    private static boolean token(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z')
                    || (c >= 'A' && c <= 'Z')
                    || (c >= '0' && c <= '9')
                    || TOKEN_CHARS.indexOf(c) >= 0;
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
