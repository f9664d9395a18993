package dev.approuting.lint;

import java.util.Objects;

/**
 * One rule violation in a migration file.
 *
 * @param rule the rule
 * @param severity its severity after configuration
 * @param line 1-based line of the statement
 * @param column 1-based column of the statement
 * @param statement the statement as written
 * @param message what is wrong, naming the objects involved
 * @param fix the safe recipe
 */
public record Finding(
        LintRule rule, Severity severity, int line, int column, String statement, String message, String fix) {

    /** Checks the values. */
    public Finding {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(statement, "statement");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(fix, "fix");
        if (line < 1 || column < 1) {
            throw new IllegalArgumentException("line and column start at 1, got " + line + ":" + column);
        }
    }

    /**
     * Returns the finding as one line, the way every message names it: {@code path:line:column [rule] message}.
     *
     * @param path the file, as the reader knows it (such as {@code workflow/V2__add_note.sql})
     */
    public String describe(String path) {
        return path + ":" + line + ":" + column + " [" + rule.id() + "] " + message;
    }
}
