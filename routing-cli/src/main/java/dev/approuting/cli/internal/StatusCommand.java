package dev.approuting.cli.internal;

import dev.approuting.flyway.AppStatus;
import dev.approuting.flyway.DatabaseStatus;
import dev.approuting.flyway.StatusReport;
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
            "Exit code 1 when anything is pending, broken or unreachable, unless --report-only."
        })
final class StatusCommand implements Callable<Integer> {
    private final CliContext context;

    @Mixin
    DatabaseOptions databases = new DatabaseOptions();

    @Option(names = "--format", paramLabel = "FORMAT", description = "text or json (default: ${DEFAULT-VALUE}).")
    Format format = Format.TEXT;

    @Option(names = "--report-only", description = "Exit 0 even when something is pending or broken.")
    boolean reportOnly;

    StatusCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        StatusReport report = databases.configure(context).load().status();
        if (format == Format.JSON) {
            Human.line(context.out(), JsonReports.status(report));
        } else {
            table(report);
        }
        return report.upToDate() || reportOnly ? CliContext.OK : CliContext.FAILED;
    }

    private void table(StatusReport report) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"DATABASE", "APP", "VERSION", "PENDING", "STATE"});
        for (DatabaseStatus db : report.databases()) {
            if (!db.reachable()) {
                rows.add(new String[] {db.db().value(), "-", "-", "-", "UNREACHABLE " + Human.describe(db.error())});
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

    private static String state(AppStatus app) {
        List<String> parts = new ArrayList<>();
        if (!app.historyPresent()) {
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
