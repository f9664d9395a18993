package dev.approuting.flyway.lint;

import java.util.List;
import java.util.Objects;

/**
 * The findings of one migration file, in statement order.
 *
 * @param path the file as given (or the script name)
 * @param statements how many statements the file has (those inside DO blocks included)
 * @param findings what is wrong; empty for a safe file
 */
public record FileReport(String path, int statements, List<Finding> findings) {

    /** Checks and copies the values. */
    public FileReport {
        Objects.requireNonNull(path, "path");
        findings = List.copyOf(findings);
    }

    /** Returns true when a finding has severity {@link Severity#ERROR}. */
    public boolean hasErrors() {
        return findings.stream().anyMatch(f -> f.severity() == Severity.ERROR);
    }
}
