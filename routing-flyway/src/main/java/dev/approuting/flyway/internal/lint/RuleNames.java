package dev.approuting.flyway.internal.lint;

import dev.approuting.core.internal.Text;
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
        return Text.didYouMean(value, Arrays.asList(candidates));
    }
}
