package dev.approuting.cli.internal;

import dev.approuting.core.AppName;
import dev.approuting.flyway.NewMigration;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code routing new-migration}: writes the next versioned file of an app. */
@Command(
        name = "new-migration",
        mixinStandardHelpOptions = true,
        description = {
            "Write the next migration file of an app: DIR/APP/V{yyyyMMddHHmmss}__description.sql (UTC).",
            "Timestamp versions do not clash between branches; a version is always above those in the folder."
        })
final class NewMigrationCommand implements Callable<Integer> {
    private final CliContext context;

    @Option(names = "--app", required = true, paramLabel = "APP", description = "The app the migration belongs to.")
    String app = "";

    @Option(
            names = "--description",
            required = true,
            paramLabel = "TEXT",
            description = "What the migration does, such as \"add index on state\".")
    String description = "";

    @Option(
            names = "--dir",
            paramLabel = "DIR",
            description = "The folder holding one folder per app (default: ${DEFAULT-VALUE}).")
    Path dir = Path.of("src/main/resources/db/migration");

    NewMigrationCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        Path file = NewMigration.configure(dir, AppName.of(app))
                .description(description)
                .write();
        Human.line(context.out(), file.toString());
        return CliContext.OK;
    }
}
