package dev.approuting.flyway;

import dev.approuting.core.AppName;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The migration state of one app in one logical database.
 *
 * @param app the app
 * @param currentVersion the newest applied version, or {@code null} when none
 * @param historyPresent whether the app's {@code flyway_schema_history} exists in the database
 * @param pending versions not applied yet
 * @param failed versions recorded as failed
 * @param checksumMismatches applied versions whose file changed since
 * @param missing applied versions whose file is gone
 */
public record AppStatus(
        AppName app,
        @Nullable String currentVersion,
        boolean historyPresent,
        List<String> pending,
        List<String> failed,
        List<String> checksumMismatches,
        List<String> missing) {
    /** Copies the lists. */
    public AppStatus {
        pending = List.copyOf(pending);
        failed = List.copyOf(failed);
        checksumMismatches = List.copyOf(checksumMismatches);
        missing = List.copyOf(missing);
    }

    /** Returns whether nothing is pending, failed, changed or missing. */
    public boolean upToDate() {
        return pending.isEmpty() && !broken();
    }

    /** Returns whether a migration failed, changed after it was applied, or lost its file. */
    public boolean broken() {
        return !failed.isEmpty() || !checksumMismatches.isEmpty() || !missing.isEmpty();
    }

    /**
     * Returns the state as one line, such as {@code app 'workflow' at 3: pending 4, 5}; each list that is
     * not empty is named ({@code pending}, {@code failed}, {@code changed since applied}, {@code file missing}).
     */
    public String describe() {
        StringBuilder b = new StringBuilder("app '").append(app).append("' ");
        b.append(currentVersion == null ? "without applied migrations" : "at " + currentVersion);
        List<String> parts = new ArrayList<>();
        named(parts, "pending", pending);
        named(parts, "failed", failed);
        named(parts, "changed since applied", checksumMismatches);
        named(parts, "file missing", missing);
        return parts.isEmpty()
                ? b.append(": up to date").toString()
                : b.append(": ").append(String.join(", ", parts)).toString();
    }

    private static void named(List<String> parts, String name, List<String> versions) {
        if (!versions.isEmpty()) {
            parts.add(name + " " + String.join(" ", versions));
        }
    }
}
