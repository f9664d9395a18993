package dev.approuting.cli.internal;

import dev.approuting.core.AppName;
import dev.approuting.core.DbName;
import dev.approuting.flyway.AppMigrationResult;
import dev.approuting.flyway.DatabaseMigrationResult;
import dev.approuting.flyway.MigrateAllReport;
import dev.approuting.flyway.MigrationError;
import dev.approuting.flyway.MigrationListener;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** Renders migration progress and reports as plain lines for people. */
final class Human {
    private Human() {}

    /** Returns a listener printing a line when a database starts and a block when it finishes. */
    static MigrationListener progress(PrintWriter out, boolean dryRun) {
        return new MigrationListener() {
            @Override
            public void databaseStarted(DbName db, List<AppName> apps) {
                line(out, db + ": " + (dryRun ? "planning " : "migrating ") + apps.size() + " apps " + apps);
            }

            @Override
            public void databaseFinished(DatabaseMigrationResult result) {
                StringBuilder b = new StringBuilder();
                b.append(result.db()).append(": ");
                if (result.error() != null) {
                    b.append("FAILED, ").append(describe(result.error()));
                } else if (!result.success()) {
                    b.append("FAILED after ").append(millis(result.duration()));
                } else if (dryRun) {
                    b.append(result.pendingCount()).append(" pending");
                } else {
                    b.append("ok, ")
                            .append(result.appliedCount())
                            .append(" applied in ")
                            .append(millis(result.duration()));
                }
                for (AppMigrationResult app : result.apps()) {
                    b.append(System.lineSeparator()).append("  ").append(app(app, dryRun));
                }
                for (String schema : result.orphanedHistories()) {
                    b.append(System.lineSeparator())
                            .append("  orphaned history in schema ")
                            .append(schema)
                            .append(": its app is no longer routed to ")
                            .append(result.db())
                            .append(" (tables left untouched)");
                }
                line(out, b.toString());
            }
        };
    }

    static void summary(PrintWriter out, MigrateAllReport report) {
        long ok = report.databases().stream()
                .filter(DatabaseMigrationResult::success)
                .count();
        String what = report.dryRun()
                ? report.pendingCount() + " migrations would be applied; nothing was changed"
                : report.appliedCount() + " migrations applied";
        line(
                out,
                (report.dryRun() ? "dry run: " : "migrate-all: ")
                        + report.databases().size() + " databases, " + ok
                        + " ok, " + report.failures().size() + " failed; " + what + " in "
                        + millis(report.duration()));
    }

    private static String app(AppMigrationResult app, boolean dryRun) {
        String name = app.app() + (app.newHistory() ? " (new here)" : "");
        return switch (app.outcome()) {
            case UP_TO_DATE -> name + ": up to date at " + version(app.currentVersion());
            case MIGRATED ->
                name + ": applied " + String.join(", ", app.applied()) + ", now at " + version(app.currentVersion());
            case PLANNED -> name + ": would apply " + String.join(", ", app.pending());
            case SKIPPED -> name + ": skipped, an app before it failed";
            case FAILED ->
                name + ": FAILED " + describe(app.error())
                        + (app.pending().isEmpty() || dryRun ? "" : "; pending " + String.join(", ", app.pending()));
        };
    }

    static String describe(@Nullable MigrationError error) {
        return error == null ? "(no details)" : CommandLines.withFlags(error.describe());
    }

    static String version(@Nullable String version) {
        return version == null ? "(none)" : version;
    }

    /** Returns {@code 1 file} or {@code 3 files}. */
    static String count(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    static String millis(Duration duration) {
        long ms = duration.toMillis();
        return ms < 10_000 ? ms + " ms" : String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
    }

    /**
     * Prints {@code rows} (the first one the header) as aligned columns, two spaces apart; the last column
     * is not padded, so a long detail does not widen the others.
     */
    static void table(PrintWriter out, List<String[]> rows) {
        int columns = rows.get(0).length;
        int[] widths = new int[columns - 1];
        for (String[] row : rows) {
            for (int i = 0; i < widths.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        for (String[] row : rows) {
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < widths.length; i++) {
                b.append(String.format("%-" + widths[i] + "s  ", row[i]));
            }
            line(out, b.append(row[columns - 1]).toString().stripTrailing());
        }
    }

    static void line(PrintWriter out, String line) {
        synchronized (out) {
            out.println(line);
            out.flush();
        }
    }
}
