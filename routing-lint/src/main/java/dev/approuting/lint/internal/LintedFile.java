package dev.approuting.lint.internal;

import dev.approuting.lint.FileReport;
import dev.approuting.lint.LintRule;
import java.util.List;
import java.util.Set;

/**
 * A file after the static rules, with what the traced engine needs to run it as Flyway would.
 *
 * @param report the static findings
 * @param inTransaction whether Flyway runs the file in one transaction
 * @param statements its top-level statements, in order
 */
public record LintedFile(FileReport report, boolean inTransaction, List<Statement> statements) {

    /** Copies the values. */
    public LintedFile {
        statements = List.copyOf(statements);
    }

    /**
     * One top-level statement (a {@code DO} block is one).
     *
     * @param line 1-based first line
     * @param column 1-based first column
     * @param text the statement as written, without its {@code ;}
     * @param suppressed the rules suppressed for it, by its own comments or the file's
     */
    public record Statement(int line, int column, String text, Set<LintRule> suppressed) {

        /** Copies the values. */
        public Statement {
            suppressed = Set.copyOf(suppressed);
        }
    }
}
