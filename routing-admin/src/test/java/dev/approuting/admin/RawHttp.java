package dev.approuting.admin;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** Sends raw bytes to an HTTP server and reads what comes back, for requests no HTTP client would send. */
final class RawHttp {
    private RawHttp() {}

    /**
     * A raw answer: everything the server sent before closing, and whether it sent nothing more within the
     * deadline and kept the connection open.
     */
    static final class Answer {
        private final byte[] bytes;
        private final boolean timedOut;

        Answer(byte[] bytes, boolean timedOut) {
            this.bytes = bytes.clone();
            this.timedOut = timedOut;
        }

        byte[] bytes() {
            return bytes.clone();
        }

        boolean timedOut() {
            return timedOut;
        }

        String text() {
            return new String(bytes, StandardCharsets.ISO_8859_1);
        }

        int status() {
            String t = text();
            if (!t.startsWith("HTTP/1.1 ") || t.length() < 12) {
                return -1;
            }
            try {
                return Integer.parseInt(t.substring(9, 12));
            } catch (NumberFormatException e) {
                return -1;
            }
        }

        String header(String name) {
            String t = text();
            int end = t.indexOf("\r\n\r\n");
            String head = end < 0 ? t : t.substring(0, end);
            for (String line : head.split("\r\n", -1)) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).equalsIgnoreCase(name)) {
                    return line.substring(colon + 1).strip();
                }
            }
            return "";
        }

        String body() {
            String t = text();
            int end = t.indexOf("\r\n\r\n");
            return end < 0 ? "" : t.substring(end + 4);
        }

        /** Returns why this is no well-formed HTTP/1.1 answer with a matching length, or {@code null}. */
        @Nullable
        String malformed(boolean head) {
            if (timedOut) {
                return "no complete answer within the deadline";
            }
            String t = text();
            if (status() < 100) {
                return "no status line";
            }
            int end = t.indexOf("\r\n\r\n");
            if (end < 0) {
                return "no end of headers";
            }
            String length = header("Content-Length");
            if (length.isEmpty()) {
                return "no Content-Length";
            }
            int body = bytes.length - end - 4;
            if (!head && Integer.parseInt(length) != body) {
                return "Content-Length " + length + " but " + body + " bytes of body";
            }
            if (!header("X-Content-Type-Options").equals("nosniff")) {
                return "no X-Content-Type-Options: nosniff";
            }
            if (!header("Content-Security-Policy").contains("default-src 'none'")) {
                return "no Content-Security-Policy";
            }
            return null;
        }
    }

    static Answer exchange(int port, byte[] request, Duration deadline) throws IOException {
        return exchange(null, port, request, deadline);
    }

    /** Sends {@code request} from {@code from} (or any local address), half-closes, reads the answer. */
    static Answer exchange(@Nullable String from, int port, byte[] request, Duration deadline) throws IOException {
        try (Socket socket = new Socket()) {
            if (from != null) {
                socket.bind(new InetSocketAddress(InetAddress.getByName(from), 0));
            }
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1000);
            try {
                socket.getOutputStream().write(request);
                socket.shutdownOutput();
            } catch (IOException e) {
                // the server may answer and close before reading everything: read what it said
            }
            return read(socket, deadline);
        }
    }

    /** Reads until the server closes or {@code deadline} passes. */
    static Answer read(Socket socket, Duration deadline) throws IOException {
        long end = System.nanoTime() + deadline.toNanos();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        InputStream in = socket.getInputStream();
        byte[] buffer = new byte[8192];
        while (true) {
            long left = end - System.nanoTime();
            if (left <= 0) {
                return new Answer(out.toByteArray(), true);
            }
            socket.setSoTimeout((int) Math.max(1, Duration.ofNanos(left).toMillis()));
            int n;
            try {
                n = in.read(buffer);
            } catch (SocketTimeoutException e) {
                return new Answer(out.toByteArray(), true);
            } catch (IOException e) {
                if (e.getMessage() != null
                        && e.getMessage().toLowerCase(Locale.ROOT).contains("reset")) {
                    return new Answer(out.toByteArray(), false);
                }
                throw e;
            }
            if (n < 0) {
                return new Answer(out.toByteArray(), false);
            }
            out.write(buffer, 0, n);
        }
    }

    static byte[] get(String path, String host) {
        return ("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1);
    }
}
