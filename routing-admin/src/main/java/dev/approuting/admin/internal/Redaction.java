package dev.approuting.admin.internal;

import dev.approuting.core.DbCredentials;
import java.util.regex.Pattern;

/**
 * Keeps secret values off the admin pages: what a page shows of a database comes from the registry's names,
 * and text that came from a server or a driver has the login role and password of its credentials masked.
 */
final class Redaction {
    /** A host name or an IPv4/IPv6 literal: what a {@code host} field may be shown as. */
    private static final Pattern HOST = Pattern.compile(
            "localhost|[A-Za-z0-9][A-Za-z0-9-]{0,62}(\\.[A-Za-z0-9][A-Za-z0-9-]{0,62})+|\\[[0-9A-Fa-f:.]{2,45}\\]");

    private static final int SHORTEST_MASKED = 3;

    private Redaction() {}

    /** Returns {@code text} with the password and login role of {@code credentials} masked. */
    static String scrub(String text, DbCredentials credentials) {
        String out = text;
        if (credentials.password().length() >= SHORTEST_MASKED) {
            out = out.replace(credentials.password(), "***");
        }
        if (credentials.user().length() >= SHORTEST_MASKED) {
            out = out.replace(credentials.user(), "<login role>");
        }
        return out;
    }

    /**
     * Returns {@code host:port} of {@code credentials} for display, or a placeholder when its host is not
     * {@code localhost}, a dotted name or an address: a single word could be a password in the wrong field of
     * a secret (generated passwords have no dots), so it is not shown.
     */
    static String server(DbCredentials credentials) {
        String host = credentials.host();
        if (!HOST.matcher(host).matches() || host.equals(credentials.password()) || host.equals(credentials.user())) {
            return "(not shown: the secret's host is no dotted name or address)";
        }
        return credentials.server();
    }
}
