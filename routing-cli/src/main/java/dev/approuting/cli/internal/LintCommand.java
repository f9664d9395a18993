package dev.approuting.cli.internal;

import static dev.approuting.cli.internal.CommandLines.ifGiven;

import dev.approuting.core.DbCredentials;
import dev.approuting.core.ErrorCode;
import dev.approuting.core.RoutingException;
import dev.approuting.lint.LintReport;
import dev.approuting.lint.LintRule;
import dev.approuting.lint.MigrationLinter;
import dev.approuting.lint.ReportFormat;
import dev.approuting.lint.spi.TraceServerProvider;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code routing lint [paths…]}: checks migrations for changes that break the deployed code or lock
 * busy tables. Exit code 0 when clean, 1 when an error-level finding exists, 2 for bad input.
 */
@Command(
        name = "lint",
        description = "Checks Flyway SQL migrations for changes that break the deployed code or lock busy tables.",
        footer = {
            "",
            "Exit codes: 0 no error-level finding, 1 error-level findings, 2 bad input (unreadable or non-UTF-8"
                    + " file, unterminated string or comment, bad configuration).",
            "--trace EXECUTES the files: in a scratch database (created and dropped), as a throw-away role that owns"
                    + " only that database; it reports what PostgreSQL did. --trace-as-login runs them with the"
                    + " login's own rights (a superuser's included): only for trusted files.",
            "Suppress a finding with a comment before the statement:",
            "  -- routing:ignore <rule> reason: <why this is safe here>"
        })
public final class LintCommand implements Callable<Integer> {
    /** The environment variable with the trace login's user when the URL has none. */
    static final String TRACE_USER_ENV = "ROUTING_TRACE_USER";
    /** The environment variable with the trace login's password when the URL has none. */
    static final String TRACE_PASSWORD_ENV = "ROUTING_TRACE_PASSWORD";

    private final PrintWriter out;
    private final PrintWriter err;
    private final Map<String, String> environment;

    @Parameters(
            arity = "0..*",
            paramLabel = "PATH",
            description = "Migration files, folders (every *.sql below) or glob patterns; default: 'paths' of the"
                    + " configuration file.")
    private List<String> paths = new ArrayList<>();

    @Option(names = "--format", paramLabel = "FORMAT", description = "text, json, sarif or github (default: text).")
    private String format = "text";

    @Option(
            names = "--config",
            paramLabel = "FILE",
            description = "Configuration file (default: ./routing-lint.properties when it exists).")
    private @Nullable Path config;

    @Option(
            names = "--pg-version",
            paramLabel = "N",
            description = "PostgreSQL major version (default: the traced server's, else 15).")
    private @Nullable Integer pgVersion;

    @Option(
            names = "--strict-seed",
            negatable = true,
            description = "New columns on existing tables must be nullable and have a default.")
    private @Nullable Boolean strictSeed;

    @Option(
            names = "--runner-sets-lock-timeout",
            negatable = true,
            description = "The migration runner sets lock_timeout (turns off lock-timeout-missing).")
    private @Nullable Boolean runnerSetsLockTimeout;

    @Option(
            names = "--flyway-transactional-lock",
            negatable = true,
            description = "The runner keeps Flyway's PostgreSQL transactional lock on (approuting turns it off).")
    private @Nullable Boolean transactionalLock;

    @Option(
            names = "--flyway-mixed",
            negatable = true,
            description = "The runner sets Flyway's mixed=true (a file may mix CONCURRENTLY with other statements).")
    private @Nullable Boolean mixed;

    @Option(names = "--exclude-rule", paramLabel = "RULE", split = ",", description = "Rules not to report.")
    private List<String> excludedRules = new ArrayList<>();

    @Option(
            names = "--trace",
            description = "Also apply the files to a scratch database on a real PostgreSQL and report the locks,"
                    + " rewrites and schema changes seen (--trace-url, else the embedded server of routing-testkit"
                    + " when it is on the class path).")
    private boolean trace;

    @Option(
            names = "--trace-url",
            paramLabel = "URL",
            description = "jdbc:postgresql://host:port/database of a server where the login may CREATE DATABASE and"
                    + " CREATE ROLE;"
                    + " user and password from the URL or " + TRACE_USER_ENV + " / " + TRACE_PASSWORD_ENV
                    + ". Implies --trace.")
    private @Nullable String traceUrl;

    @Option(
            names = "--trace-as-login",
            description = "Run the traced files as the trace login itself (with its rights, a superuser's included)"
                    + " instead of a throw-away role that owns only the scratch database. Only for trusted files.")
    private boolean traceAsLogin;

    @Option(
            names = {"-h", "--help"},
            usageHelp = true,
            description = "Shows this help.")
    @SuppressWarnings("UnusedVariable") // read by picocli
    private boolean help;

    /**
     * Creates the command, reading the trace login from {@code environment}.
     *
     * @param out where the report goes
     * @param err where bad-input messages go
     * @param environment the environment variables
     */
    public LintCommand(PrintWriter out, PrintWriter err, Map<String, String> environment) {
        this.out = out;
        this.err = err;
        this.environment = Map.copyOf(environment);
    }

    @Override
    public Integer call() {
        try {
            ReportFormat reportFormat = reportFormat();
            MigrationLinter.Builder builder = configure();
            String url = traceUrl;
            LintReport report;
            if (url != null) {
                report = lint(builder.trace(traceLogin(url)).traceAsLogin(traceAsLogin));
            } else if (trace) {
                try (TraceServerProvider.TraceServer server = traceServer()) {
                    report = lint(builder.trace(server.admin()).traceAsLogin(traceAsLogin));
                }
            } else {
                report = lint(builder);
            }
            reportFormat.write(report, out);
            out.flush();
            return report.hasErrors() ? 1 : 0;
        } catch (RoutingException e) {
            err.println("routing lint: " + e.getMessage());
            err.flush();
            return CommandLines.USAGE;
        }
    }

    private LintReport lint(MigrationLinter.Builder builder) {
        MigrationLinter linter = builder.load();
        return paths.isEmpty() ? linter.lint() : linter.lintPaths(paths);
    }

    /** Reads {@code --trace-url}; the login comes from the URL, else from the environment. */
    private DbCredentials traceLogin(String url) {
        UrlOptions.warnAboutPassword(
                err, "--trace-url", url, "leave it out and set " + TRACE_PASSWORD_ENV + " instead");
        try {
            return DbCredentials.fromJdbcUrl(
                    url,
                    environment.getOrDefault(TRACE_USER_ENV, "postgres"),
                    environment.getOrDefault(TRACE_PASSWORD_ENV, ""));
        } catch (RoutingException e) {
            throw RoutingException.of(e.code(), "--trace-url " + e.getMessage(), e);
        }
    }

    /** Starts the server a provider on the class path offers (routing-testkit's embedded one). */
    private TraceServerProvider.TraceServer traceServer() {
        try {
            return TraceServerProvider.startFirst();
        } catch (RoutingException e) {
            if (e.code() != ErrorCode.INVALID_CONFIGURATION) {
                throw e;
            }
            throw RoutingException.of(
                    ErrorCode.INVALID_CONFIGURATION,
                    "--trace needs a PostgreSQL server: give --trace-url jdbc:postgresql://host:port/postgres (a login"
                            + " with CREATEDB and CREATEROLE, user and password in " + TRACE_USER_ENV + " and "
                            + TRACE_PASSWORD_ENV
                            + "), or put routing-testkit on the class path for its embedded server",
                    e);
        }
    }

    private ReportFormat reportFormat() {
        for (ReportFormat f : ReportFormat.values()) {
            if (f.name().equalsIgnoreCase(format)) {
                return f;
            }
        }
        throw RoutingException.of(
                ErrorCode.INVALID_CONFIGURATION, "unknown --format '" + format + "'; use text, json, sarif or github");
    }

    private MigrationLinter.Builder configure() {
        MigrationLinter.Builder builder = MigrationLinter.configure();
        Path configFile = config;
        if (configFile == null && Files.isRegularFile(Path.of(MigrationLinter.DEFAULT_CONFIG_FILE))) {
            configFile = Path.of(MigrationLinter.DEFAULT_CONFIG_FILE);
        }
        ifGiven(configFile, builder::configFile);
        ifGiven(pgVersion, builder::pgVersion);
        ifGiven(strictSeed, builder::strictSeed);
        ifGiven(runnerSetsLockTimeout, builder::runnerSetsLockTimeout);
        ifGiven(transactionalLock, builder::flywayTransactionalLock);
        ifGiven(mixed, builder::flywayMixed);
        List<String> unknown = new ArrayList<>();
        for (String id : excludedRules) {
            LintRule.byId(id.trim().toLowerCase(Locale.ROOT))
                    .ifPresentOrElse(builder::exclude, () -> unknown.add(id + LintRule.didYouMean(id)));
        }
        if (!unknown.isEmpty()) {
            throw RoutingException.of(
                    ErrorCode.INVALID_CONFIGURATION,
                    "--exclude-rule names unknown rule(s): " + String.join(", ", unknown));
        }
        return builder;
    }
}
