package dev.approuting.cli;

import dev.approuting.cli.internal.CliContext;
import dev.approuting.cli.internal.CommandLines;
import dev.approuting.cli.internal.RootCommand;
import dev.approuting.cli.internal.Subcommands;
import dev.approuting.core.DbRouterRegistry;
import dev.approuting.core.RoutingException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;

/**
 * The {@code routing} command line: {@code migrate-all}, {@code status}, {@code validate},
 * {@code new-migration}, {@code dev-setup}, {@code init-db}, {@code lint}, {@code admin},
 * {@code deploy-config}, {@code deploy-check}, {@code check-access}. An admin service embeds it from its
 * own {@code main} with its registry:
 *
 * <pre>{@code
 * public static void main(String[] args) {
 *     System.exit(RoutingCommandLine.run(CompanyRegistry.REGISTRY, args));
 * }
 * }</pre>
 *
 * <p>Run without code ({@code java -jar routing.jar ...}), it finds the registry through
 * {@link java.util.ServiceLoader} ({@link dev.approuting.core.spi.RegistryProvider}) or
 * {@code --registry-class}. Exit codes: {@value #OK} success; {@value #FAILED} a database or migration
 * failed, or something is pending or broken; {@value #USAGE} wrong usage or input.
 */
public final class RoutingCommandLine {
    /** Exit code: success. */
    public static final int OK = CliContext.OK;
    /** Exit code: a database or migration failed, or something is pending or broken. */
    public static final int FAILED = CliContext.FAILED;
    /** Exit code: wrong usage or input (unknown option or database, no registry or credentials). */
    public static final int USAGE = CliContext.USAGE;

    private RoutingCommandLine() {}

    /**
     * Runs the command line with {@code registry}, writing to standard output and error.
     *
     * @return the exit code
     */
    public static int run(DbRouterRegistry registry, String... args) {
        return runWith(registry, stdout(), stderr(), args);
    }

    /**
     * Runs the command line with {@code registry}, writing results to {@code out} and errors to
     * {@code err}.
     *
     * @return the exit code
     */
    public static int run(DbRouterRegistry registry, PrintWriter out, PrintWriter err, String... args) {
        return runWith(registry, out, err, args);
    }

    /**
     * Runs the command line without a registry in code (found through {@code ServiceLoader} or
     * {@code --registry-class}) and exits with its exit code.
     */
    public static void main(String[] args) {
        setDefault("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        setDefault("org.slf4j.simpleLogger.showThreadName", "false");
        System.exit(runWith(null, stdout(), stderr(), args));
    }

    /** Runs without a registry in code, writing to {@code out} and {@code err}; for tests and tools. */
    static int runWith(@Nullable DbRouterRegistry registry, PrintWriter out, PrintWriter err, String... args) {
        return runWith(registry, System.getenv(), out, err, args);
    }

    /** Like {@link #runWith(DbRouterRegistry, PrintWriter, PrintWriter, String...)}, over {@code environment}. */
    static int runWith(
            @Nullable DbRouterRegistry registry,
            Map<String, String> environment,
            PrintWriter out,
            PrintWriter err,
            String... args) {
        CliContext context = new CliContext(registry, out, err, environment);
        CommandLine commandLine = new CommandLine(new RootCommand(context));
        Subcommands.all(context).forEach(commandLine::addSubcommand);
        commandLine
                .setOut(out)
                .setErr(err)
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setExecutionExceptionHandler((e, cmd, parsed) -> {
                    if (e instanceof RoutingException routing) {
                        err.println("error: " + CommandLines.withFlags(String.valueOf(routing.getMessage())));
                        err.flush();
                        return CommandLines.exitCode(routing);
                    }
                    throw e;
                });
        try {
            return commandLine.execute(args);
        } finally {
            out.flush();
            err.flush();
        }
    }

    private static void setDefault(String property, String value) {
        if (System.getProperty(property) == null) {
            System.setProperty(property, value);
        }
    }

    @SuppressWarnings("SystemOut") // the command line's one output writer
    private static PrintWriter stdout() {
        return new PrintWriter(new OutputStreamWriter(System.out, Charset.defaultCharset()), true);
    }

    @SuppressWarnings("SystemOut")
    private static PrintWriter stderr() {
        return new PrintWriter(new OutputStreamWriter(System.err, Charset.defaultCharset()), true);
    }
}
