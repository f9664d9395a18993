package dev.approuting.core.support;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256, the one digest approuting uses: for migration content hashes, template keys and comparing
 * secrets in constant time.
 *
 * <pre>{@code
 * MessageDigest digest = Hashing.sha256();
 * String key = Hashing.sha256Hex("users\n" + contentHash);
 * }</pre>
 */
public final class Hashing {
    private Hashing() {}

    /** Returns a new SHA-256 digest (every Java runtime has one). */
    public static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this Java runtime lacks SHA-256, which every runtime must have", e);
        }
    }

    /** Returns the SHA-256 of {@code text} (UTF-8) as 64 lower-case hex digits. */
    public static String sha256Hex(String text) {
        return HexFormat.of().formatHex(sha256().digest(text.getBytes(StandardCharsets.UTF_8)));
    }
}
