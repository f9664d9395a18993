package dev.approuting.flyway.internal.lint;

import dev.approuting.flyway.lint.LintRule;
import java.util.Arrays;

/** "Did you mean" hints for misspelled rule ids and configuration keys. */
public final class RuleNames {
    private RuleNames() {}

    /** Returns {@code " (did you mean 'x'?)"} for a close rule id, or an empty string. */
    public static String didYouMean(String id) {
        return didYouMean(id, Arrays.stream(LintRule.values()).map(LintRule::id).toArray(String[]::new));
    }

    /** Returns {@code " (did you mean 'x'?)"} for the closest candidate within a small distance. */
    public static String didYouMean(String value, String... candidates) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String c : candidates) {
            int d = distance(value, c);
            if (d < bestDistance) {
                bestDistance = d;
                best = c;
            }
        }
        return best != null && bestDistance <= Math.max(2, value.length() / 4) ? " (did you mean '" + best + "'?)" : "";
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
