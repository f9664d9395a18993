package dev.approuting.cli.internal;

import dev.approuting.core.Environment;
import picocli.CommandLine.Option;

/** The {@code --environment} option of the commands that decide whether dev-only databases count. */
final class EnvironmentOption {
    @Option(
            names = "--environment",
            paramLabel = "ENV",
            defaultValue = "PRODUCTION",
            description =
                    "PRODUCTION leaves dev-only databases out (deploy-check refuses them); DEVELOPMENT includes them"
                            + " (default: ${DEFAULT-VALUE}).")
    Environment environment = Environment.PRODUCTION;
}
