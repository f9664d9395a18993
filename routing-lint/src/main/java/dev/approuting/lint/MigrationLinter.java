package dev.approuting.lint;

import dev.approuting.core.DbCredentials;
import dev.approuting.core.ErrorCode;
import dev.approuting.core.RoutingException;
import dev.approuting.lint.internal.DeployedModel;
import dev.approuting.lint.internal.LintConfigFile;
import dev.approuting.lint.internal.LintEngine;
import dev.approuting.lint.internal.LintSettings;
import dev.approuting.lint.internal.MigrationFiles;
import dev.approuting.lint.internal.TraceRefiner;
import dev.approuting.lint.internal.Tracer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.jooq.Catalog;
import org.jooq.Schema;
import org.jspecify.annotations.Nullable;

/**
 * Checks Flyway SQL migrations for changes that break the code already deployed (renames, drops,
 * NOT NULL columns without a default…) or that lock and rewrite busy tables (non-concurrent
 * indexes, validated constraints, volatile defaults…). Static: it parses the SQL, it needs no
 * database. Files are linted in Flyway order so later files know what earlier ones built.
 *
 * <pre>{@code
 * LintReport report = MigrationLinter.configure()
 *         .pgVersion(15)
 *         .load()
 *         .lint(Path.of("src/main/resources/db/migration"));
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe; each call lints afresh.
 */
public final class MigrationLinter {
    /** The configuration file {@code routing lint} reads from the working directory when it exists. */
    public static final String DEFAULT_CONFIG_FILE = "routing-lint.properties";

    /** The PostgreSQL major assumed when none is configured and no server is at hand. */
    static final int DEFAULT_PG_VERSION = 15;

    private final LintSettings settings;
    private final boolean versionConfigured;
    private final List<String> paths;
    private final @Nullable DbCredentials traceServer;
    private final boolean traceAsLogin;

    private MigrationLinter(
            LintSettings settings,
            boolean versionConfigured,
            List<String> paths,
            @Nullable DbCredentials traceServer,
            boolean traceAsLogin) {
        this.settings = settings;
        this.versionConfigured = versionConfigured;
        this.paths = paths;
        this.traceServer = traceServer;
        this.traceAsLogin = traceAsLogin;
    }

    /**
     * Starts a configuration with the defaults: the PostgreSQL version of the server when there is one
     * (else 15), Flyway's transactional lock off.
     */
    public static Builder configure() {
        return new Builder();
    }

    /**
     * Returns the PostgreSQL major version the version-dependent rules judge by: the configured one,
     * else 15 (a traced run and the migrate-all gate use the server's instead, see
     * {@link #forServerVersion(int)}).
     *
     * @return a major version such as 15
     */
    public int pgVersion() {
        return settings.pgVersion();
    }

    /**
     * Returns the linter to use against a server of PostgreSQL {@code major}: this one when the version
     * was configured ({@link Builder#pgVersion}, {@code pg-version} in the configuration file or
     * {@code --pg-version}), else a copy that judges by {@code major}. The traced run and the
     * migrate-all safety gate call this with the version of the server they talk to.
     *
     * <pre>{@code
     * MigrationLinter linter = MigrationLinter.configure().load().forServerVersion(13);
     * }</pre>
     *
     * @param major the server's major version, such as 13
     * @return the linter for that server
     * @throws RoutingException ({@link ErrorCode#INVALID_CONFIGURATION}) for a version outside 9–99
     */
    public MigrationLinter forServerVersion(int major) {
        if (versionConfigured || major == settings.pgVersion()) {
            return this;
        }
        String problem = LintConfigFile.checkPgVersion(major);
        if (problem != null) {
            throw RoutingException.of(ErrorCode.INVALID_CONFIGURATION, problem);
        }
        return new MigrationLinter(settings.withPgVersion(major), false, paths, traceServer, traceAsLogin);
    }

    /**
     * Lints files, folders (every {@code *.sql} under them) and glob patterns.
     *
     * @param paths what to lint
     * @return one report per file, findings may be empty
     * @throws RoutingException ({@link ErrorCode#MIGRATION_FAILED}) when a path does not exist, a file
     *     is unreadable or not UTF-8, or a file does not tokenize (an unterminated string or comment);
     *     every such problem is listed
     */
    public LintReport lint(Path... paths) {
        return lintPaths(Arrays.stream(paths).map(Path::toString).toList());
    }

    /**
     * Lints the paths given by {@link Builder#paths} or the configuration file.
     *
     * @return one report per file
     * @throws RoutingException as {@link #lint(Path...)}, and ({@link ErrorCode#INVALID_CONFIGURATION})
     *     when no paths are configured
     */
    public LintReport lint() {
        if (paths.isEmpty()) {
            throw RoutingException.of(
                    ErrorCode.INVALID_CONFIGURATION,
                    "no migration paths to lint: pass them to lint(…), to paths(…), or set 'paths' in "
                            + DEFAULT_CONFIG_FILE);
        }
        return lintPaths(paths);
    }

    /**
     * Lints path strings, which may be glob patterns such as {@code db/migration/**.sql}.
     *
     * @param paths files, folders or glob patterns
     * @return one report per file
     * @throws RoutingException as {@link #lint(Path...)}
     */
    public LintReport lintPaths(List<String> paths) {
        List<String> problems = new ArrayList<>();
        List<Path> files = MigrationFiles.expand(paths, settings.excludedPaths(), problems);
        List<Source> sources = new ArrayList<>();
        for (Path file : files) {
            try {
                sources.add(new Source(
                        file.toString(),
                        MigrationFiles.folder(file),
                        MigrationFiles.read(file),
                        MigrationFiles.executeInTransaction(file),
                        false));
            } catch (RoutingException e) {
                problems.add(e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw RoutingException.of(
                    ErrorCode.MIGRATION_FAILED, "cannot lint the migrations:\n  - " + String.join("\n  - ", problems));
        }
        sources = withHistory(files, sources);
        List<Linted> linted = lintSources(settings, sources);
        DbCredentials server = traceServer;
        if (server == null) {
            return new LintReport(reports(linted));
        }
        Tracer.Result traced =
                Tracer.trace(server, linted.stream().map(Linted::input).toList(), traceAsLogin);
        MigrationLinter onServer = forServerVersion(traced.majorVersion());
        if (onServer != this) {
            // The statements the trace ran do not depend on the version; the static verdicts do.
            linted = lintSources(onServer.settings, sources);
        }
        List<FileReport> reports = new ArrayList<>();
        String historyFailure = null;
        for (int i = 0; i < linted.size(); i++) {
            Linted file = linted.get(i);
            FileTrace trace = traced.traces().get(i);
            if (file.source().history()) {
                if (trace != null && trace.error() != null) {
                    historyFailure = file.source().path() + " (" + trace.error() + ")";
                }
                continue;
            }
            FileReport report =
                    TraceRefiner.refine(onServer.settings, file.input().file(), trace, traced.server());
            if (trace == null && historyFailure != null) {
                report = TraceRefiner.untraced(onServer.settings, file.input().file(), historyFailure, traced.server());
            }
            reports.add(report);
        }
        return new LintReport(reports, traced.server());
    }

    /**
     * Adds the applied history before the files to lint: the earlier migrations of their folders, which
     * inform them (the types, constraints and checks they built) and, in a traced run, build the scratch
     * database; they are not reported. Unreadable history files are left out.
     */
    private static List<Source> withHistory(List<Path> files, List<Source> sources) {
        List<Path> history = MigrationFiles.history(files);
        if (history.isEmpty()) {
            return sources;
        }
        List<Path> all = new ArrayList<>(files);
        Map<Path, Source> byPath = new HashMap<>();
        for (int i = 0; i < files.size(); i++) {
            byPath.put(files.get(i), sources.get(i));
        }
        for (Path file : history) {
            try {
                byPath.put(
                        file,
                        new Source(
                                file.toString(),
                                MigrationFiles.folder(file),
                                MigrationFiles.read(file),
                                MigrationFiles.executeInTransaction(file),
                                true));
                all.add(file);
            } catch (RoutingException e) {
                // An unreadable earlier file only leaves its knowledge out.
            }
        }
        all.sort(MigrationFiles.FLYWAY_ORDER);
        return all.stream().map(byPath::get).toList();
    }

    /** A migration file read from disk; a history file informs the others and is not reported. */
    private record Source(
            String path,
            String folder,
            String sql,
            @Nullable Boolean executeInTransaction,
            boolean history) {}

    /** A source after the static rules, as the trace runs it. */
    private record Linted(Source source, Tracer.Input input) {}

    private static List<FileReport> reports(List<Linted> linted) {
        return linted.stream()
                .filter(l -> !l.source().history())
                .map(l -> l.input().file().report())
                .toList();
    }

    private static List<Linted> lintSources(LintSettings settings, List<Source> sources) {
        LintEngine engine = new LintEngine(settings);
        List<Linted> linted = new ArrayList<>();
        for (Source source : sources) {
            if (source.history()) {
                engine.absorb(source.folder(), source.sql(), source.executeInTransaction())
                        .ifPresent(file -> linted.add(new Linted(source, new Tracer.Input(file, source.folder()))));
            } else {
                linted.add(new Linted(
                        source,
                        new Tracer.Input(
                                engine.lintFile(
                                        source.path(), source.folder(), source.sql(), source.executeInTransaction()),
                                source.folder())));
            }
        }
        return linted;
    }

    /**
     * Lints one script held in memory, as if it were a file of its own folder.
     *
     * @param name the script's name in the report, e.g. {@code V3__add_email.sql}
     * @param sql the script
     * @return its findings
     * @throws RoutingException ({@link ErrorCode#MIGRATION_FAILED}) when the script does not tokenize
     */
    public FileReport lintScript(String name, String sql) {
        return new LintEngine(settings).lint(name, name, sql, null);
    }

    /**
     * Lints scripts held in memory as the files of one migration folder, in the order given (Flyway
     * order), so that later scripts know what earlier ones built. Not traced.
     *
     * @param scripts script name (such as {@code V3__add_email.sql}) to content, in Flyway order
     * @return one report per script, in the same order
     * @throws RoutingException ({@link ErrorCode#MIGRATION_FAILED}) when a script does not tokenize
     */
    public LintReport lintScripts(Map<String, String> scripts) {
        LintEngine engine = new LintEngine(settings);
        List<FileReport> reports = new ArrayList<>();
        for (Map.Entry<String, String> script : scripts.entrySet()) {
            reports.add(engine.lint(script.getKey(), "", script.getValue(), null));
        }
        return new LintReport(reports);
    }

    /**
     * Lints like {@link #lint(Path...)} and fails when an error-level finding exists: the throwing
     * half of the {@code check}/{@code lint} pair, for build steps and tests.
     *
     * @param paths what to lint
     * @return the report, which has no error-level finding (warnings may remain)
     * @throws RoutingException ({@link ErrorCode#MIGRATION_FAILED}) listing every error-level finding
     *     with its file, line, rule and fix, or when the input is bad
     */
    public LintReport check(Path... paths) {
        LintReport report = lint(paths);
        if (report.hasErrors()) {
            String details = report.files().stream()
                    .flatMap(f -> f.findings().stream()
                            .filter(x -> x.severity() == Severity.ERROR)
                            .map(x -> x.describe(f.path()) + "\n      fix: " + x.fix()))
                    .collect(Collectors.joining("\n  - ", "\n  - ", ""));
            throw RoutingException.of(
                    ErrorCode.MIGRATION_FAILED,
                    "unsafe migrations ("
                            + report.findings().stream()
                                    .filter(x -> x.severity() == Severity.ERROR)
                                    .count() + " error(s)); fix them or suppress each with"
                            + " '-- routing:ignore <rule> reason: <why>':" + details);
        }
        return report;
    }

    /** Settings of a {@link MigrationLinter}; mutable, not thread-safe. */
    public static final class Builder {
        private @Nullable Integer pgVersion;
        private boolean strictSeed;
        private boolean runnerSetsLockTimeout;
        private boolean transactionalLock;
        private boolean mixed;
        private final Set<LintRule> excludedRules = EnumSet.noneOf(LintRule.class);
        private final Map<LintRule, Severity> severities = new EnumMap<>(LintRule.class);
        private final List<String> excludedPaths = new ArrayList<>();
        private final List<String> paths = new ArrayList<>();
        private final List<Schema> deployedModel = new ArrayList<>();
        private boolean hasDeployedModel;
        private @Nullable DbCredentials traceServer;
        private boolean traceAsLogin;

        private Builder() {}

        /**
         * Turns on the traced run: every {@code lint} also <b>executes</b> the files, in Flyway order, in a
         * scratch database it creates on this server, as a throw-away role it creates to own only that
         * database (NOSUPERUSER, NOCREATEDB, NOCREATEROLE, member of nothing), and drops both afterwards;
         * scratch databases and roles left by earlier runs that were killed are dropped first. A statement
         * that needs more than owning the database (creating roles or databases, {@code ALTER SYSTEM},
         * {@code COPY … PROGRAM}, an untrusted extension) fails and is reported. Placeholders
         * ({@code ${app}}, {@code ${db}}, {@code ${flyway:…}}) are replaced as Flyway does. Each file runs in a transaction
         * when Flyway would run it in one, and reads what PostgreSQL did: the table locks each statement
         * took, the tables it rewrote, and the columns it renamed, dropped, added or retyped. The static
         * findings are then confirmed or refined (a predicted rewrite that did not happen becomes a
         * warning; a rewrite, drop or rename the parser could not see becomes a finding), and every
         * {@link FileReport} carries its {@link FileTrace}. Files of a folder named like an app run in
         * a schema of that name (Flyway's per-app default schema), others in {@code public}.
         *
         * <pre>{@code
         * LintReport report = MigrationLinter.configure()
         *         .trace(DbCredentials.of("localhost", 5432, "postgres", "postgres", password))
         *         .load()
         *         .lint(Path.of("src/main/resources/db/migration/orders"));
         * }</pre>
         *
         * @param admin a login with {@code CREATEDB} and {@code CREATEROLE}, pointing at a database that
         *     exists (such as {@code postgres}); a superuser is not needed
         * @return this builder
         */
        public Builder trace(DbCredentials admin) {
            this.traceServer = Objects.requireNonNull(admin, "admin");
            return this;
        }

        /**
         * Runs the traced files as the login given to {@link #trace(DbCredentials)} itself, with all its
         * rights (a superuser's included), instead of a throw-away role: only for trusted files that need
         * more than owning their database. Off by default; the command line's {@code --trace-as-login}.
         *
         * @param asLogin whether the files run as the trace's login
         * @return this builder
         */
        public Builder traceAsLogin(boolean asLogin) {
            this.traceAsLogin = asLogin;
            return this;
        }

        /**
         * Gives the jOOQ model of the code currently deployed (for example the generated
         * {@code DefaultCatalog.DEFAULT_CATALOG} of the previous release): dropping or renaming a table,
         * column or schema the model does not use cannot break that code, so such findings become
         * warnings, without suppression comments. Tables and columns are matched by name, whatever
         * their schema.
         *
         * @param catalogs the deployed code's catalogs
         * @return this builder
         */
        public Builder deployedModel(Catalog... catalogs) {
            hasDeployedModel = true;
            for (Catalog catalog : catalogs) {
                deployedModel.addAll(catalog.getSchemas());
            }
            return this;
        }

        /**
         * Like {@link #deployedModel(Catalog...)} for single schemas of the deployed model.
         *
         * @param schemas the deployed code's schemas
         * @return this builder
         */
        public Builder deployedModel(Schema... schemas) {
            hasDeployedModel = true;
            deployedModel.addAll(Arrays.asList(schemas));
            return this;
        }

        /**
         * Reads a configuration file ({@code routing-lint.properties}); later builder calls override it.
         *
         * @param file the file
         * @return this builder
         * @throws RoutingException ({@link ErrorCode#INVALID_CONFIGURATION}) listing every bad key or value
         */
        public Builder configFile(Path file) {
            LintConfigFile config = LintConfigFile.load(file);
            if (config.pgVersion() != null) {
                pgVersion = config.pgVersion();
            }
            if (config.strictSeed() != null) {
                strictSeed = config.strictSeed();
            }
            if (config.runnerSetsLockTimeout() != null) {
                runnerSetsLockTimeout = config.runnerSetsLockTimeout();
            }
            if (config.transactionalLock() != null) {
                transactionalLock = config.transactionalLock();
            }
            if (config.mixed() != null) {
                mixed = config.mixed();
            }
            excludedRules.addAll(config.excludedRules());
            severities.putAll(config.severities());
            paths.addAll(config.paths());
            excludedPaths.addAll(config.excludedPaths());
            return this;
        }

        /**
         * Sets the PostgreSQL major version the migrations run on: constant defaults stop rewriting
         * tables from 11, SET NOT NULL uses a validated CHECK from 12. When set (here or as
         * {@code pg-version} in the configuration file) it wins over the server's version; when not set,
         * a traced run and the migrate-all gate judge by the version of the server they talk to, and a
         * static run by 15.
         *
         * @param version a major version such as 15
         * @return this builder
         * @throws RoutingException ({@link ErrorCode#INVALID_CONFIGURATION}) for a version outside 9–99
         */
        public Builder pgVersion(int version) {
            String problem = LintConfigFile.checkPgVersion(version);
            if (problem != null) {
                throw RoutingException.of(ErrorCode.INVALID_CONFIGURATION, problem);
            }
            this.pgVersion = version;
            return this;
        }

        /**
         * Strict seed mode: a new column on an existing table must be nullable and have a default.
         *
         * @param strict whether to require it
         * @return this builder
         */
        public Builder strictSeed(boolean strict) {
            this.strictSeed = strict;
            return this;
        }

        /**
         * Says the migration runner sets {@code lock_timeout} itself, which turns off
         * {@code lock-timeout-missing}.
         *
         * @param sets whether it does
         * @return this builder
         */
        public Builder runnerSetsLockTimeout(boolean sets) {
            this.runnerSetsLockTimeout = sets;
            return this;
        }

        /**
         * Says whether the runner keeps Flyway's PostgreSQL transactional lock on (Flyway's default;
         * approuting's migrator turns it off). When on, CONCURRENTLY statements are reported as hanging.
         *
         * @param on whether the lock is on
         * @return this builder
         */
        public Builder flywayTransactionalLock(boolean on) {
            this.transactionalLock = on;
            return this;
        }

        /**
         * Mirrors Flyway's {@code mixed} setting: when true a file may mix non-transactional statements
         * with others (and then runs without a transaction).
         *
         * @param allowed Flyway's {@code mixed}
         * @return this builder
         */
        public Builder flywayMixed(boolean allowed) {
            this.mixed = allowed;
            return this;
        }

        /**
         * Turns rules off.
         *
         * @param rules the rules never to report
         * @return this builder
         */
        public Builder exclude(LintRule... rules) {
            excludedRules.addAll(Arrays.asList(rules));
            return this;
        }

        /**
         * Overrides a rule's severity.
         *
         * @param rule the rule
         * @param severity its severity
         * @return this builder
         */
        public Builder severity(LintRule rule, Severity severity) {
            severities.put(Objects.requireNonNull(rule, "rule"), Objects.requireNonNull(severity, "severity"));
            return this;
        }

        /**
         * Leaves out files matching glob patterns, such as {@code **}{@code /V1__baseline.sql}.
         *
         * @param globs the patterns, matched against the file paths as found
         * @return this builder
         */
        public Builder excludePaths(String... globs) {
            excludedPaths.addAll(Arrays.asList(globs));
            return this;
        }

        /**
         * Sets the paths {@link MigrationLinter#lint()} lints.
         *
         * @param files files, folders or glob patterns
         * @return this builder
         */
        public Builder paths(String... files) {
            paths.addAll(Arrays.asList(files));
            return this;
        }

        /** Returns the linter; later changes to this builder do not affect it. */
        public MigrationLinter load() {
            Integer configured = pgVersion;
            return new MigrationLinter(
                    new LintSettings(
                            configured == null ? DEFAULT_PG_VERSION : configured,
                            strictSeed,
                            runnerSetsLockTimeout,
                            transactionalLock,
                            mixed,
                            excludedRules,
                            severities,
                            excludedPaths,
                            hasDeployedModel ? new DeployedModel(deployedModel) : null),
                    configured != null,
                    List.copyOf(paths),
                    traceServer,
                    traceAsLogin);
        }
    }
}
