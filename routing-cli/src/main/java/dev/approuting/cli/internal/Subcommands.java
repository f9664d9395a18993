package dev.approuting.cli.internal;

import java.util.List;

/**
 * The one list of the {@code routing} subcommands. To add a command, write one class annotated with
 * picocli's {@code @Command} that takes a {@link CliContext} in its constructor (see
 * {@link StatusCommand}), and add one line here. The order is the order of {@code routing --help}.
 */
public final class Subcommands {
    private Subcommands() {}

    /** Returns a fresh instance of every subcommand, bound to {@code context}. */
    public static List<Object> all(CliContext context) {
        return List.of(
                new MigrateAllCommand(context),
                new StatusCommand(context),
                new ValidateCommand(context),
                new NewMigrationCommand(context),
                new DevSetupCommand(context),
                new InitDbCommand(context.out(), context::findRegistry, context.environment()),
                new LintCommand(context.out(), context.err(), context.environment()),
                new AdminCommand(context),
                new DeployConfigCommand(context),
                new DeployCheckCommand(context),
                new CheckAccessCommand(context));
    }
}
