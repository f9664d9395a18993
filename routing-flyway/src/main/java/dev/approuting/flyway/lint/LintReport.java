package dev.approuting.flyway.lint;

import java.util.List;

/**
 * The result of a lint run: one {@link FileReport} per input file, in Flyway order. Immutable.
 *
 * @param files the files linted
 */
public record LintReport(List<FileReport> files) {

    /** Copies the values. */
    public LintReport {
        files = List.copyOf(files);
    }

    /** Returns true when a finding has severity {@link Severity#ERROR}. */
    public boolean hasErrors() {
        return files.stream().anyMatch(FileReport::hasErrors);
    }

    /** Returns every finding of every file. */
    public List<Finding> findings() {
        return files.stream().flatMap(f -> f.findings().stream()).toList();
    }

    /** Returns how many statements were linted. */
    public int statements() {
        return files.stream().mapToInt(FileReport::statements).sum();
    }
}
