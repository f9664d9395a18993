package dev.approuting.admin.internal;

import dev.approuting.core.support.Hashing;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * A bearer token checked in constant time: both sides are hashed with SHA-256 and the digests are
 * compared with {@link MessageDigest#isEqual}, so neither the content nor the length of the token
 * leaks through timing. Only the digest is kept.
 */
public final class BearerToken {
    private static final String SCHEME = "bearer ";

    private final byte[] digest;

    /** Creates the check for {@code token}. */
    public BearerToken(String token) {
        this.digest = sha256(token);
    }

    /** Returns whether an {@code Authorization} header value carries the token. */
    public boolean accepts(@Nullable String authorization) {
        String presented = "";
        if (authorization != null
                && authorization.length() > SCHEME.length()
                && authorization
                        .substring(0, SCHEME.length())
                        .toLowerCase(Locale.ROOT)
                        .equals(SCHEME)) {
            presented = authorization.substring(SCHEME.length()).strip();
        }
        boolean equal = MessageDigest.isEqual(digest, sha256(presented));
        return equal && !presented.isEmpty();
    }

    private static byte[] sha256(String text) {
        return Hashing.sha256().digest(text.getBytes(StandardCharsets.UTF_8));
    }
}
