package dev.approuting.cli.internal;

import dev.approuting.flyway.MigrateAll;
import dev.approuting.flyway.MigrateAllReport;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code routing migrate-all}: migrates every database of the admin view, in parallel. */
@Command(
        name = "migrate-all",
        mixinStandardHelpOptions = true,
        description = {
            "Migrate every logical database of the admin view: databases in parallel, apps in router order.",
            "A failing database does not stop the others. Exit code 0 only when every database succeeded; 2 when a",
            "database's secret is missing or malformed (after every database is reported)."
        })
final class MigrateAllCommand implements Callable<Integer> {
    private final CliContext context;

    @Mixin
    DatabaseOptions databases = new DatabaseOptions();

    @Option(
            names = "--dry-run",
            description = "Print the pending migrations per database and app, and the databases the lint gate would"
                    + " refuse (exit code 1 then, as the real run); change nothing.")
    boolean dryRun;

    @Option(
            names = "--allow-unsafe",
            description = "Apply pending migrations even when the lint finds them unsafe (default: refuse such a"
                    + " database; the others continue).")
    boolean allowUnsafe;

    @Option(names = "--format", paramLabel = "FORMAT", description = "text or json (default: ${DEFAULT-VALUE}).")
    Format format = Format.TEXT;

    MigrateAllCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        PrintWriter progress = format == Format.JSON ? context.err() : context.out();
        MigrateAll migrateAll = databases
                .configure(context)
                .listener(Human.progress(progress, dryRun))
                .allowUnsafe(allowUnsafe)
                .load();
        MigrateAllReport report = dryRun ? migrateAll.plan() : migrateAll.run();
        if (format == Format.JSON) {
            Human.line(context.out(), JsonReports.migrateAll(report));
        } else {
            Human.summary(context.out(), report);
        }
        return CommandLines.credentials(
                context.err(),
                report.databases().stream()
                        .filter(d -> Human.credentialsProblem(d.error()))
                        .map(d -> d.db().value())
                        .toList(),
                report.success() ? CliContext.OK : CliContext.FAILED);
    }
}
