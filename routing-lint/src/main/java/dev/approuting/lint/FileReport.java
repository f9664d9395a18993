package dev.approuting.lint;

import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The findings of one migration file, in statement order.
 *
 * @param path the file as given (or the script name)
 * @param statements how many statements the file has (those inside DO blocks included)
 * @param findings what is wrong; empty for a safe file
 * @param trace what the traced run saw, or {@code null} when the file was not traced
 */
public record FileReport(
        String path,
        int statements,
        List<Finding> findings,
        @Nullable FileTrace trace) {

    /** Checks and copies the values. */
    public FileReport {
        Objects.requireNonNull(path, "path");
        findings = List.copyOf(findings);
    }

    /**
     * Creates the report of a file the static engine alone checked.
     *
     * @param path the file as given
     * @param statements how many statements it has
     * @param findings what is wrong
     */
    public FileReport(String path, int statements, List<Finding> findings) {
        this(path, statements, findings, null);
    }

    /** Returns true when a finding has severity {@link Severity#ERROR}. */
    public boolean hasErrors() {
        return findings.stream().anyMatch(f -> f.severity() == Severity.ERROR);
    }
}
