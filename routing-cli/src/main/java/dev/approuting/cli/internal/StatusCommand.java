package dev.approuting.cli.internal;

import dev.approuting.core.CredentialsSource;
import dev.approuting.core.ReaderHealth;
import dev.approuting.core.ReaderSettings;
import dev.approuting.flyway.AppStatus;
import dev.approuting.flyway.AppliedMigration;
import dev.approuting.flyway.DatabaseStatus;
import dev.approuting.flyway.StatusReport;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code routing status}: database × app → version, pending, problems. */
@Command(
        name = "status",
        mixinStandardHelpOptions = true,
        description = {
            "Show, per database and app, the current version, pending migrations and problems.",
            "Exit code 1 when anything is pending, broken or unreachable, unless --report-only; exit code 2 when a",
            "database's secret is missing or malformed, after every database is listed."
        })
final class StatusCommand implements Callable<Integer> {
    private static final DateTimeFormatter INSTALLED_ON =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

    /** The lag past which {@code status} calls a reader LAGGING: {@code ReaderSettings.defaults().maxLag()}. */
    private static final Duration READER_MAX_LAG = ReaderSettings.defaults().maxLag();

    private static final Duration READER_TIMEOUT = Duration.ofSeconds(5);

    private final CliContext context;

    @Mixin
    DatabaseOptions databases = new DatabaseOptions();

    @Option(names = "--format", paramLabel = "FORMAT", description = "text or json (default: ${DEFAULT-VALUE}).")
    Format format = Format.TEXT;

    @Option(names = "--report-only", description = "Exit 0 even when something is pending or broken.")
    boolean reportOnly;

    @Option(
            names = "--history",
            description = "Also print each app's applied migrations: version, description, installed on,"
                    + " installed by, execution time (the JSON output always carries them).")
    boolean history;

    StatusCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        StatusReport report = databases.configure(context).load().status();
        if (format == Format.JSON) {
            CredentialsSource credentials = databases.credentials(context.environment());
            Human.line(
                    context.out(),
                    JsonReports.status(
                            report, db -> ReaderHealth.check(db, credentials, READER_MAX_LAG, READER_TIMEOUT)));
        } else {
            table(report);
            if (history) {
                history(report);
            }
        }
        return CommandLines.credentials(
                context.err(),
                report.databases().stream()
                        .filter(d -> Human.credentialsProblem(d.error()))
                        .map(d -> d.db().value())
                        .toList(),
                report.upToDate() || reportOnly ? CliContext.OK : CliContext.FAILED);
    }

    private void table(StatusReport report) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"DATABASE", "APP", "VERSION", "PENDING", "STATE"});
        for (DatabaseStatus db : report.databases()) {
            if (!db.reachable()) {
                String why = Human.credentialsProblem(db.error()) ? "BAD CREDENTIALS " : "UNREACHABLE ";
                rows.add(new String[] {db.db().value(), "-", "-", "-", why + Human.describe(db.error())});
                continue;
            }
            for (AppStatus app : db.apps()) {
                rows.add(new String[] {
                    db.db().value(),
                    app.app().value(),
                    Human.version(app.currentVersion()),
                    Integer.toString(app.pending().size()),
                    state(app)
                });
            }
            for (String schema : db.orphanedHistories()) {
                rows.add(new String[] {db.db().value(), schema, "-", "-", "ORPHANED history: app no longer routed here"
                });
            }
        }
        Human.table(context.out(), rows);
        Human.line(
                context.out(),
                report.upToDate()
                        ? "status: every database is up to date"
                        : "status: " + report.pendingCount() + " migrations pending, "
                                + report.databases().stream()
                                        .filter(d -> !d.reachable())
                                        .count()
                                + " databases unreachable; see STATE for each problem");
    }

    private void history(StatusReport report) {
        for (DatabaseStatus db : report.databases()) {
            for (AppStatus app : db.apps()) {
                if (app.history().isEmpty()) {
                    continue;
                }
                List<String[]> rows = new ArrayList<>();
                rows.add(new String[] {"VERSION", "DESCRIPTION", "TYPE", "INSTALLED ON", "INSTALLED BY", "TIME"});
                for (AppliedMigration row : app.history()) {
                    rows.add(new String[] {
                        row.version() == null ? "R" : row.version(),
                        row.description() + (row.success() ? "" : " (FAILED)"),
                        row.type(),
                        row.installedOn() == null ? "-" : INSTALLED_ON.format(row.installedOn()),
                        row.installedBy() == null ? "-" : row.installedBy(),
                        Human.millis(row.executionTime())
                    });
                }
                Human.line(context.out(), "");
                Human.line(context.out(), "history of " + db.db() + "/" + app.app() + ":");
                Human.table(context.out(), rows, "  ");
            }
        }
    }

    private static String state(AppStatus app) {
        List<String> parts = new ArrayList<>();
        String none = app.noMigrations();
        if (none != null) {
            parts.add("NO MIGRATIONS: " + none);
        } else if (app.hasNoTables()) {
            parts.add("no tables (its settings say so)");
        } else if (!app.historyPresent()) {
            parts.add("NEW here (never migrated)");
        }
        if (!app.failed().isEmpty()) {
            parts.add("FAILED " + String.join(",", app.failed()));
        }
        if (!app.checksumMismatches().isEmpty()) {
            parts.add("CHANGED after apply " + String.join(",", app.checksumMismatches()));
        }
        if (!app.missing().isEmpty()) {
            parts.add("MISSING file " + String.join(",", app.missing()));
        }
        if (parts.isEmpty()) {
            parts.add(app.pending().isEmpty() ? "ok" : "pending " + String.join(",", app.pending()));
        }
        return String.join("; ", parts);
    }
}
