package dev.approuting.core;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * How a connection uses TLS: PostgreSQL's {@code sslmode}, as libpq and the JDBC driver spell it. A secret
 * without {@code sslmode} gets {@link #defaultFor(String)}: {@link #VERIFY_FULL} for a server reached over
 * the network, {@link #PREFER} for a loopback address (the traffic never leaves the machine, and a server
 * that insists on TLS through a {@code hostssl} line still works).
 *
 * <pre>{@code
 * DbCredentials tls = credentials.withTls(SslMode.VERIFY_FULL, "/etc/ssl/rds-ca.pem");
 * }</pre>
 */
public enum SslMode {
    /** Plain text only. */
    DISABLE("disable"),
    /** Plain text, TLS when the server insists. */
    ALLOW("allow"),
    /** TLS when the server offers it, else plain text; no certificate check. */
    PREFER("prefer"),
    /** TLS always; no certificate check. */
    REQUIRE("require"),
    /** TLS always; the certificate must be signed by the root certificate. */
    VERIFY_CA("verify-ca"),
    /** TLS always; the certificate must be signed by the root certificate and name the host. */
    VERIFY_FULL("verify-full");

    private final String value;

    SslMode(String value) {
        this.value = value;
    }

    /** Returns the name as the driver and the secret spell it, such as {@code verify-full}. */
    public String value() {
        return value;
    }

    /** Returns whether a connection in this mode can fall back to, or stay in, plain text. */
    public boolean allowsPlainText() {
        return this == DISABLE || this == ALLOW || this == PREFER;
    }

    /** Returns the mode spelled {@code value} ({@code verify-full}, case-insensitive), if it is one. */
    public static Optional<SslMode> find(String value) {
        String wanted = value.toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(m -> m.value.equals(wanted)).findFirst();
    }

    /** Returns every value, spelled as in a secret, for messages. */
    public static String spellings() {
        return Arrays.stream(values()).map(SslMode::value).collect(Collectors.joining(", "));
    }

    /**
     * Returns the mode of a secret that names none: {@link #PREFER} for {@code localhost} and loopback
     * addresses ({@code 127.*}, {@code ::1}), {@link #VERIFY_FULL} for every other host. The host is not
     * resolved: only these literal names count as loopback.
     */
    public static SslMode defaultFor(String host) {
        return isLoopback(host) ? PREFER : VERIFY_FULL;
    }

    /** Returns whether {@code host} is {@code localhost} or a loopback address literal (no DNS look-up). */
    public static boolean isLoopback(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        return h.equals("localhost")
                || h.endsWith(".localhost")
                || h.matches("127(\\.[0-9]{1,3}){3}")
                || h.equals("::1")
                || h.equals("0:0:0:0:0:0:0:1");
    }

    @Override
    public String toString() {
        return value;
    }
}
