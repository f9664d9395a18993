package dev.approuting.cli.internal;

import dev.approuting.flyway.ValidationReport;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code routing validate}: Flyway validation per (database, app), every problem listed. */
@Command(
        name = "validate",
        mixinStandardHelpOptions = true,
        description = {
            "Validate the applied migrations of every database and app against the scripts and list every problem",
            "(changed, missing or failed migrations). Pending migrations are not problems. Exit code 1 on problems,",
            "2 when a database's secret is missing or malformed (after every database is listed)."
        })
final class ValidateCommand implements Callable<Integer> {
    private final CliContext context;

    @Mixin
    DatabaseOptions databases = new DatabaseOptions();

    @Option(names = "--format", paramLabel = "FORMAT", description = "text or json (default: ${DEFAULT-VALUE}).")
    Format format = Format.TEXT;

    ValidateCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        ValidationReport report = databases.configure(context).load().validate();
        if (format == Format.JSON) {
            Human.line(context.out(), JsonReports.validation(report));
        } else {
            report.problems().forEach(p -> Human.line(context.out(), CommandLines.withFlags(p.describe())));
            Human.line(
                    context.out(),
                    "validate: " + report.checked() + " (database, app) pairs checked, "
                            + report.problems().size() + " problems");
        }
        return CommandLines.credentials(
                context.err(),
                report.problems().stream()
                        .filter(ValidationReport.Problem::credentialsProblem)
                        .map(p -> p.db().value())
                        .toList(),
                report.valid() ? CliContext.OK : CliContext.FAILED);
    }
}
