package dev.approuting.flyway;

import dev.approuting.core.AppName;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The migration state of one app in one logical database.
 *
 * @param app the app
 * @param known whether its state could be read (false when its database could not be)
 * @param currentVersion the newest applied version, or {@code null} when none
 * @param historyPresent whether the app's {@code flyway_schema_history} exists in the database
 * @param pending versions not applied yet
 * @param failed versions recorded as failed
 * @param checksumMismatches applied versions whose file changed since
 * @param missing applied versions whose file is gone
 * @param history the app's Flyway history in the database, in the order applied (empty when it has none or
 *     its state is unknown)
 * @param hasNoTables whether the app's settings say it has no tables ({@link FlywaySettings#hasNoTables()}):
 *     nothing to migrate, and up to date without a history
 * @param noMigrations why the app cannot be migrated as configured, or {@code null}: no migration was found
 *     in its locations (naming them and the fix), or some were although it says it has no tables
 */
public record AppStatus(
        AppName app,
        boolean known,
        @Nullable String currentVersion,
        boolean historyPresent,
        List<String> pending,
        List<String> failed,
        List<String> checksumMismatches,
        List<String> missing,
        List<AppliedMigration> history,
        boolean hasNoTables,
        @Nullable String noMigrations) {
    /** Copies the lists. */
    public AppStatus {
        pending = List.copyOf(pending);
        failed = List.copyOf(failed);
        checksumMismatches = List.copyOf(checksumMismatches);
        missing = List.copyOf(missing);
        history = List.copyOf(history);
    }

    /** Returns the state of an app whose database could not be read. */
    public static AppStatus unknown(AppName app) {
        return new AppStatus(
                app, false, null, false, List.of(), List.of(), List.of(), List.of(), List.of(), false, null);
    }

    /** Returns whether its state is known and nothing is pending, failed, changed or missing. */
    public boolean upToDate() {
        return known && pending.isEmpty() && !broken();
    }

    /**
     * Returns whether a migration failed, changed after it was applied, or lost its file, or the app has no
     * migrations although its settings do not say it has no tables.
     */
    public boolean broken() {
        return !failed.isEmpty() || !checksumMismatches.isEmpty() || !missing.isEmpty() || noMigrations != null;
    }

    /**
     * Returns the state as one line, such as {@code app 'workflow' at 3: pending 4 5}, with the
     * {@link #problems()}.
     */
    public String describe() {
        StringBuilder b = new StringBuilder("app '").append(app).append("' ");
        if (!known) {
            return b.append("in an unreadable database: state unknown").toString();
        }
        if (hasNoTables && noMigrations == null) {
            return b.append("has no tables (its settings say so): nothing to migrate")
                    .toString();
        }
        b.append(currentVersion == null ? "without applied migrations" : "at " + currentVersion);
        List<String> parts = new ArrayList<>();
        if (!pending.isEmpty()) {
            parts.add("pending " + String.join(" ", pending));
        }
        parts.addAll(problems());
        return parts.isEmpty()
                ? b.append(": up to date").toString()
                : b.append(": ").append(String.join(", ", parts)).toString();
    }

    /**
     * Returns what is wrong besides pending migrations, each as a short phrase: {@link #noMigrations()},
     * {@code never migrated here} (no history yet), {@code failed V}, {@code changed after apply V},
     * {@code file missing V}.
     */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        String none = noMigrations;
        if (none != null) {
            problems.add(none);
        }
        if (known && !historyPresent && !hasNoTables && none == null) {
            problems.add("never migrated here");
        }
        failed.forEach(v -> problems.add("failed " + v));
        checksumMismatches.forEach(v -> problems.add("changed after apply " + v));
        missing.forEach(v -> problems.add("file missing " + v));
        return problems;
    }
}
