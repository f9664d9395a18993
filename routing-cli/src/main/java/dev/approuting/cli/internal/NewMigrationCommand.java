package dev.approuting.cli.internal;

import dev.approuting.core.AdminView;
import dev.approuting.core.AppName;
import dev.approuting.core.DbRouterRegistry;
import dev.approuting.core.Environment;
import dev.approuting.core.ErrorCode;
import dev.approuting.core.RoutingException;
import dev.approuting.core.support.Text;
import dev.approuting.flyway.NewMigration;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
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
        AppName name = AppName.of(app);
        context.findRegistry().ifPresent(registry -> requireRouted(registry, name));
        Path file = NewMigration.configure(dir, name).description(description).write();
        Human.line(context.out(), file.toString());
        return CliContext.OK;
    }

    /**
     * Refuses an app that no router of {@code registry} lists (a typo would write a folder nobody migrates),
     * with the closest routed app.
     */
    private static void requireRouted(DbRouterRegistry registry, AppName app) {
        Set<String> routed = new TreeSet<>();
        for (AdminView.Database db : registry.adminView(Environment.DEVELOPMENT).databases()) {
            db.apps().forEach(a -> routed.add(a.value()));
        }
        if (!routed.contains(app.value())) {
            throw RoutingException.forApp(
                    ErrorCode.INVALID_CONFIGURATION,
                    app,
                    "no router of the registry lists app '" + app + "'" + Text.didYouMean(app.value(), routed)
                            + ", so its migrations would never run: add it to the router of its database first"
                            + " (routed apps: " + String.join(", ", routed) + ")");
        }
    }
}
