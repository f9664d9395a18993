package dev.approuting.cli.internal;

import dev.approuting.core.AppName;
import dev.approuting.flyway.MigrateAll;
import dev.approuting.flyway.RepairReport;
import java.util.List;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code routing repair}: repairs the Flyway history of each (database, app), with a dry run. */
@Command(
        name = "repair",
        mixinStandardHelpOptions = true,
        description = {
            "Repair the Flyway history of every (database, app), or of the --db and --app given: remove failed rows,",
            "realign checksums, descriptions and types with the scripts, mark migrations whose script is gone as",
            "deleted. Tables are never touched. Refused for a database while a migrate-all works on it.",
            "Run with --dry-run first to see what would change. Exit code 1 when an app could not be repaired."
        })
final class RepairCommand implements Callable<Integer> {
    private final CliContext context;

    @Mixin
    DatabaseOptions databases = new DatabaseOptions();

    @Option(
            names = "--app",
            paramLabel = "APP",
            split = ",",
            description = "Only these apps (repeat or separate with commas; default: every app).")
    @Nullable
    List<String> apps;

    @Option(names = "--dry-run", description = "Print what would change in each history; change nothing.")
    boolean dryRun;

    @Option(names = "--format", paramLabel = "FORMAT", description = "text or json (default: ${DEFAULT-VALUE}).")
    Format format = Format.TEXT;

    RepairCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        MigrateAll migrateAll = databases.configure(context).load();
        AppName[] chosen = apps(apps);
        RepairReport report = dryRun ? migrateAll.planRepair(chosen) : migrateAll.repair(chosen);
        if (format == Format.JSON) {
            Human.line(context.out(), JsonReports.repair(report));
        } else {
            for (RepairReport.Repair repair : report.repairs()) {
                Human.line(context.out(), (dryRun ? "would repair " : "") + CommandLines.withFlags(repair.describe()));
            }
            long changed = report.repairs().stream()
                    .filter(RepairReport.Repair::changed)
                    .count();
            Human.line(
                    context.out(),
                    (dryRun ? "repair (dry run): " : "repair: ")
                            + report.repairs().size() + " (database, app) pairs, "
                            + changed + (dryRun ? " would change" : " changed") + ", "
                            + report.failures().size() + " failed"
                            + (dryRun ? "; nothing was changed" : ""));
        }
        return CommandLines.credentials(
                context.err(),
                report.failures().stream()
                        .filter(r -> Human.credentialsProblem(r.error()))
                        .map(r -> r.db().value())
                        .distinct()
                        .toList(),
                report.success() ? CliContext.OK : CliContext.FAILED);
    }

    /** Returns the apps of {@code --app}, none for every app. */
    static AppName[] apps(@Nullable List<String> names) {
        return names == null
                ? new AppName[0]
                : names.stream().map(String::strip).map(AppName::of).toArray(AppName[]::new);
    }
}
