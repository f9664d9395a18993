package dev.approuting.lint;

import java.util.Locale;

/** How bad a finding is: errors fail {@link MigrationLinter#check}, warnings are reported only. */
public enum Severity {
    /** The migration breaks the deployed code or blocks a busy table; fails the lint. */
    ERROR,
    /** Worth a look; does not fail the lint. */
    WARNING;

    /** Returns the lower-case name used in reports and configuration ({@code error}, {@code warning}). */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
