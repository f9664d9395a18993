package dev.approuting.core.support;

import java.util.Collection;
import java.util.Optional;
import java.util.stream.Collectors;

/** Small text helpers for messages: quoting, lists and "did you mean". */
public final class Text {
    private Text() {}

    /**
     * Quotes a value for an error message; control and non-ASCII characters are shown escaped, so a
     * look-alike or invisible character in a bad name is visible.
     */
    public static String quote(String value) {
        StringBuilder b = new StringBuilder(value.length() + 2).append('\'');
        value.codePoints().forEach(cp -> {
            if (cp >= 0x20 && cp < 0x7f) {
                b.appendCodePoint(cp);
            } else {
                b.append(String.format("\\u%04x", cp));
            }
        });
        return b.append('\'').toString();
    }

    /** Renders names as {@code 'a', 'b'}, or {@code (none)} for an empty collection. */
    public static String list(Collection<?> names) {
        if (names.isEmpty()) {
            return "(none)";
        }
        return names.stream().map(n -> "'" + n + "'").collect(Collectors.joining(", "));
    }

    /**
     * Returns the candidate closest to {@code value} when it is within a small edit distance; of equally
     * close candidates, the first in alphabetical order.
     */
    public static Optional<String> closest(String value, Collection<String> candidates) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : candidates.stream().sorted().toList()) {
            int d = distance(value, candidate);
            if (d < bestDistance) {
                best = candidate;
                bestDistance = d;
            }
        }
        if (best == null || bestDistance > Math.max(2, value.length() / 3)) {
            return Optional.empty();
        }
        return Optional.of(best);
    }

    /** Returns {@code " (did you mean 'x'?)"} or an empty string. */
    public static String didYouMean(String value, Collection<String> candidates) {
        return closest(value, candidates)
                .map(c -> " (did you mean '" + c + "'?)")
                .orElse("");
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
