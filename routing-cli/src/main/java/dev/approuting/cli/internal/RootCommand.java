package dev.approuting.cli.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** The {@code routing} command; its subcommands are listed in {@link Subcommands}. */
@Command(
        name = "routing",
        mixinStandardHelpOptions = true,
        versionProvider = RootCommand.Version.class,
        description = "Migrations and setup for every logical database of the routing registry.",
        footerHeading = "%nExit codes:%n",
        footer = {
            "  0  success: everything migrated, up to date or valid",
            "  1  a database or migration failed, or something is pending or broken",
            "  2  wrong usage or input: an unknown option or database, no registry,",
            "     no namespace for the credentials"
        })
public final class RootCommand {
    private final CliContext context;

    /** Creates the root command over {@code context}. */
    public RootCommand(CliContext context) {
        this.context = context;
    }

    /** Sets the registry provider class; allowed before or after the subcommand name. */
    @Option(
            names = "--registry-class",
            paramLabel = "CLASS",
            scope = ScopeType.INHERIT,
            description = "A class implementing dev.approuting.core.spi.RegistryProvider (default: the one "
                    + "found through ServiceLoader, or the registry of the embedding service).")
    public void registryClass(String name) {
        context.registryClass(name);
    }

    /** Prints errors with their stack trace; allowed before or after the subcommand name. */
    @Option(
            names = "--stacktrace",
            scope = ScopeType.INHERIT,
            description = "Print the stack trace of an error (default: its message only).")
    public void stackTrace(boolean print) {
        context.stackTraces(print);
    }

    /** Reads the version from the jar's Maven properties. */
    public static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() throws IOException {
            Properties properties = new Properties();
            try (InputStream in = RootCommand.class.getResourceAsStream(
                    "/META-INF/maven/dev.approuting/routing-cli/pom.properties")) {
                if (in != null) {
                    properties.load(in);
                }
            }
            return new String[] {"routing " + properties.getProperty("version", "(development build)")};
        }
    }
}
