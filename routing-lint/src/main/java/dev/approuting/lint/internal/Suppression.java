package dev.approuting.lint.internal;

import dev.approuting.lint.LintRule;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A suppression comment: {@code -- routing:ignore <rule>[, <rule>…] reason: <text>} before a
 * statement, or {@code -- routing:ignore-file …} anywhere for the whole file.
 *
 * @param comment the comment token
 * @param fileLevel whether it covers the whole file
 * @param rules the rules it suppresses
 * @param problem why the comment is invalid, or null when it is valid
 */
record Suppression(
        Token comment,
        boolean fileLevel,
        List<LintRule> rules,
        @Nullable String problem) {
    private static final String STATEMENT_PREFIX = "routing:ignore";
    private static final String FILE_PREFIX = "routing:ignore-file";

    Suppression {
        rules = List.copyOf(rules);
    }

    static Optional<Suppression> parse(Token comment) {
        if (comment.type() != TokenType.LINE_COMMENT) {
            return Optional.empty();
        }
        String text = comment.text().trim();
        boolean fileLevel;
        String rest;
        if (text.startsWith(FILE_PREFIX + " ") || text.equals(FILE_PREFIX)) {
            fileLevel = true;
            rest = text.substring(FILE_PREFIX.length());
        } else if (text.startsWith(STATEMENT_PREFIX + " ") || text.equals(STATEMENT_PREFIX)) {
            fileLevel = false;
            rest = text.substring(STATEMENT_PREFIX.length());
        } else {
            return Optional.empty();
        }
        int reasonAt = rest.indexOf("reason:");
        String ruleList = reasonAt < 0 ? rest : rest.substring(0, reasonAt);
        String reason = reasonAt < 0
                ? ""
                : rest.substring(reasonAt + "reason:".length()).trim();
        List<LintRule> rules = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (String id : ruleList.replace(',', ' ').trim().split(" +", -1)) {
            if (id.isEmpty()) {
                continue;
            }
            Optional<LintRule> rule = LintRule.byId(id);
            if (rule.isPresent()) {
                rules.add(rule.get());
            } else {
                problems.add("unknown rule '" + id + "'" + LintRule.didYouMean(id));
            }
        }
        if (rules.isEmpty() && problems.isEmpty()) {
            problems.add("names no rule");
        }
        if (reason.isEmpty()) {
            problems.add("gives no reason (add 'reason: <why this is safe here>')");
        }
        String problem = problems.isEmpty()
                ? null
                : "suppression comment " + String.join(" and ", problems) + "; it suppresses nothing";
        return Optional.of(new Suppression(comment, fileLevel, rules, problem));
    }
}
