package dev.approuting.cli.internal;

import dev.approuting.core.ErrorCode;
import dev.approuting.core.RoutingException;
import dev.approuting.flyway.BaselineReport;
import dev.approuting.flyway.MigrateAll;
import java.util.List;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code routing baseline}: adopts existing tables by giving each app a history with one baseline row. */
@Command(
        name = "baseline",
        mixinStandardHelpOptions = true,
        description = {
            "Adopt a database whose tables already exist: give each app (of --db, or only --app) a Flyway history",
            "with one baseline row at the version given, so its migrations up to that version count as applied and later",
            "ones run (--baseline-version). Refused for an app that already has a history or whose schema holds no tables, and while a",
            "migrate-all works on the database. See docs/adopting.md. Exit code 1 when an app was refused."
        })
final class BaselineCommand implements Callable<Integer> {
    private final CliContext context;

    @Mixin
    DatabaseOptions databases = new DatabaseOptions();

    @Option(
            names = "--app",
            paramLabel = "APP",
            split = ",",
            description = "Only these apps (repeat or separate with commas; default: every app of the databases).")
    @Nullable
    List<String> apps;

    @Option(
            names = "--baseline-version",
            required = true,
            paramLabel = "VERSION",
            description = "The version to record, such as 1: the app's migrations up to it count as applied.")
    String version = "";

    @Option(
            names = "--description",
            paramLabel = "TEXT",
            description = "The baseline row's description (default: ${DEFAULT-VALUE}).")
    String description = "adopted by approuting";

    @Option(names = "--dry-run", description = "Print what would be baselined and what refused; change nothing.")
    boolean dryRun;

    @Option(names = "--format", paramLabel = "FORMAT", description = "text or json (default: ${DEFAULT-VALUE}).")
    Format format = Format.TEXT;

    BaselineCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        if (databases.chosen().isEmpty()) {
            throw RoutingException.of(
                    ErrorCode.INVALID_CONFIGURATION,
                    "baseline works on the databases you name: give --db DB (and --app APP to baseline only some"
                            + " of its apps)");
        }
        MigrateAll migrateAll = databases.configure(context).load();
        BaselineReport report = dryRun
                ? migrateAll.planBaseline(version, description, RepairCommand.apps(apps))
                : migrateAll.baseline(version, description, RepairCommand.apps(apps));
        if (format == Format.JSON) {
            Human.line(context.out(), JsonReports.baseline(report));
        } else {
            report.baselines().forEach(b -> Human.line(context.out(), CommandLines.withFlags(b.describe())));
            Human.line(
                    context.out(),
                    (dryRun ? "baseline (dry run) at " : "baseline at ") + report.version() + ": "
                            + report.baselines().size() + " (database, app) pairs, "
                            + report.failures().size()
                            + " refused or failed" + (dryRun ? "; nothing was changed" : ""));
        }
        return CommandLines.credentials(
                context.err(),
                report.failures().stream()
                        .filter(b -> Human.credentialsProblem(b.error()))
                        .map(b -> b.db().value())
                        .distinct()
                        .toList(),
                report.success() ? CliContext.OK : CliContext.FAILED);
    }
}
