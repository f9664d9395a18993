package dev.approuting.lint;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The result of a lint run: one {@link FileReport} per input file, in Flyway order. Immutable.
 *
 * @param files the files linted
 * @param tracedOn the server the traced run used, such as {@code PostgreSQL 17.11 on localhost:5432},
 *     or {@code null} for a static run
 */
public record LintReport(List<FileReport> files, @Nullable String tracedOn) {

    /** Copies the values. */
    public LintReport {
        files = List.copyOf(files);
    }

    /**
     * Creates the report of a static run.
     *
     * @param files the files linted
     */
    public LintReport(List<FileReport> files) {
        this(files, null);
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
