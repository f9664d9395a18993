package dev.approuting.flyway;

import dev.approuting.core.AdminView;
import dev.approuting.core.AppName;
import dev.approuting.core.CredentialsSource;
import dev.approuting.core.DbCredentials;
import dev.approuting.core.DbName;
import dev.approuting.core.DbRouterRegistry;
import dev.approuting.core.Environment;
import dev.approuting.core.ErrorCode;
import dev.approuting.core.RoutingException;
import dev.approuting.core.support.ConnectOptions;
import dev.approuting.core.support.Connections;
import dev.approuting.core.support.Parallel;
import dev.approuting.core.support.Text;
import dev.approuting.flyway.internal.DatabaseRun;
import dev.approuting.flyway.internal.Failures;
import dev.approuting.flyway.internal.LintGate;
import dev.approuting.flyway.internal.Maintenance;
import dev.approuting.lint.MigrationLinter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Migrates every logical database of a registry's admin view: databases in parallel (bounded), the
 * apps of one database in router order. One failing database does not stop the others; the report
 * has a result per database and app. Safe to run twice at once: Flyway's PostgreSQL lock lets each
 * migration be applied once.
 *
 * <pre>{@code
 * MigrateAllReport report = MigrateAll.configure(registry)
 *         .credentials(CredentialsSource.mountedSecrets(Path.of("/var/run/secrets/db"), "prod"))
 *         .parallelism(4)
 *         .load()
 *         .run()
 *         .orThrow();
 * }</pre>
 *
 * <p>The same object also answers {@link #plan()} (a dry run), {@link #status()} and {@link #validate()}, and
 * maintains histories: {@link #repair(AppName...)} and {@link #baseline(String, String, AppName...)}, each with
 * a dry run.
 * Immutable and thread-safe; each verb may be called more than once, also at the same time.
 */
public final class MigrateAll {
    /**
     * How many databases are worked on at once unless {@link Builder#parallelism(int)} says otherwise: 8. Work on
     * a database is mostly waiting for its server (each statement is a network round trip), so the number of
     * processors of the migrating machine is the wrong bound; measured with a 1 ms round trip, 8 databases at
     * once migrate several times faster than one after the other (see {@code benchmarks/README.md}). Each database
     * worked on holds 2 to 3 connections of its own (Flyway's and the run's lock), so a server hosting all the
     * databases sees up to about three times this many sessions of a run at once.
     */
    public static final int DEFAULT_PARALLELISM = 8;

    private static final Logger log = LoggerFactory.getLogger(MigrateAll.class);
    private static final Pattern BASELINE_VERSION = Pattern.compile("^[0-9]+([._][0-9]+)*$");

    private final DbRouterRegistry registry;
    private final Environment environment;
    private final CredentialsSource credentials;
    private final List<DbName> only;
    private final int parallelism;
    private final MigrationConfig config;
    private final MigrationListener listener;
    private final boolean allowUnsafe;
    private final MigrationLinter linter;

    private MigrateAll(Builder builder, CredentialsSource credentials, MigrationLinter linter) {
        this.registry = builder.registry;
        this.environment = builder.environment;
        this.credentials = credentials;
        this.only = List.copyOf(builder.only);
        this.parallelism = builder.parallelism;
        this.config = builder.config;
        this.listener = builder.listener;
        this.allowUnsafe = builder.allowUnsafe;
        this.linter = linter;
    }

    /** Starts configuring a run over the admin view of {@code registry}. */
    public static Builder configure(DbRouterRegistry registry) {
        return new Builder(registry);
    }

    /**
     * Returns the databases this configuration works on, with their apps in migration order.
     *
     * @throws RoutingException with {@link ErrorCode#UNKNOWN_DATABASE} when a chosen database is not in
     *     the admin view
     */
    public AdminView view() {
        AdminView view = registry.adminView(environment);
        return only.isEmpty() ? view : view.only(only);
    }

    /**
     * Migrates every database. Never throws for a failing database: its error is in the report. Before
     * a database is migrated, the pending migrations of its apps are linted; when an error-level finding
     * exists the database is refused (a failed database whose error lists every finding) unless
     * {@link Builder#allowUnsafe(boolean)} is set.
     *
     * @throws RoutingException with {@link ErrorCode#UNKNOWN_DATABASE} when a chosen database is not in
     *     the admin view
     */
    public MigrateAllReport run() {
        return migrate(false);
    }

    /**
     * Lists, per database and app, the migrations {@link #run()} would apply; changes nothing. It runs the
     * same lint gate as {@link #run()}: a database the real run would refuse is a failed database here too,
     * its error listing every unsafe statement, with its pending migrations still listed per app.
     *
     * @throws RoutingException as {@link #run()} does
     */
    public MigrateAllReport plan() {
        return migrate(true);
    }

    /**
     * Reads the migration state of every database and app; changes nothing.
     *
     * @throws RoutingException as {@link #run()} does
     */
    public StatusReport status() {
        AdminView view = view();
        CredentialsSource source = credentials;
        List<DatabaseStatus> statuses = Parallel.map(view.databases(), parallelism, "routing-status", d -> {
            try {
                return DatabaseRun.status(d.db(), d.apps(), config, dataSource(source, d.db(), READS));
            } catch (RuntimeException e) {
                return DatabaseStatus.unreadable(d.db(), d.apps(), List.of(), Failures.describe(e));
            }
        });
        return new StatusReport(statuses);
    }

    /**
     * Validates every app of every database against its scripts, listing every problem; pending
     * migrations are not problems here.
     *
     * @throws RoutingException as {@link #run()} does
     */
    public ValidationReport validate() {
        AdminView view = view();
        CredentialsSource source = credentials;
        List<List<ValidationReport.Problem>> found =
                Parallel.map(view.databases(), parallelism, "routing-validate", d -> {
                    List<ValidationReport.Problem> problems = new ArrayList<>();
                    try {
                        DatabaseRun.validate(d.db(), d.apps(), config, dataSource(source, d.db(), READS), problems);
                    } catch (RuntimeException e) {
                        MigrationError error = Failures.describe(e);
                        problems.add(new ValidationReport.Problem(d.db(), null, null, error.describe(), error.code()));
                    }
                    return problems;
                });
        int checked = view.databases().stream().mapToInt(d -> d.apps().size()).sum();
        return new ValidationReport(
                checked, found.stream().flatMap(List::stream).toList());
    }

    /**
     * Repairs the Flyway history of {@code apps} (every app when none is given) in every chosen database:
     * removes failed rows, realigns checksums, descriptions and types with the scripts, marks applied
     * migrations whose script is gone as deleted; never touches tables. A database where a migration run is
     * working is refused (each of its apps failed, naming the run), as is one that cannot be reached; the
     * others are repaired.
     *
     * <pre>{@code
     * RepairReport report = migrateAll.planRepair(AppName.of("billing")); // look first
     * migrateAll.repair(AppName.of("billing")).orThrow();
     * }</pre>
     *
     * @throws RoutingException with {@link ErrorCode#INVALID_CONFIGURATION} when an app is routed to none of
     *     the chosen databases, or {@link ErrorCode#UNKNOWN_DATABASE} as {@link #run()} does
     */
    public RepairReport repair(AppName... apps) {
        return repair(false, apps);
    }

    /**
     * Lists what {@link #repair(AppName...)} would change in each history; changes nothing.
     *
     * @throws RoutingException as {@link #repair(AppName...)} does
     */
    public RepairReport planRepair(AppName... apps) {
        return repair(true, apps);
    }

    /**
     * Adopts databases whose tables already exist: for each of {@code apps} (every app when none is given) in
     * every chosen database, creates the app's history with one baseline row at {@code version}, so its
     * migrations up to that version count as applied and the later ones run. Refused for an app that already
     * has a history (unless it is this very baseline: then nothing changes), and for an app whose schema holds
     * no tables (its first migrations would never run); refused for a whole database while a migration run is
     * working on it. See {@code docs/adopting.md}.
     *
     * <pre>{@code
     * MigrateAll.configure(registry).credentials(source).databases(List.of(DbName.of("shop"))).load()
     *         .baseline("1", "adopted from public", AppName.of("customers"), AppName.of("orders"))
     *         .orThrow();
     * }</pre>
     *
     * @param version the version to record, digits separated by dots (such as {@code 1})
     * @param description the baseline row's description
     * @param apps the apps to baseline; none for every app of the chosen databases
     * @throws RoutingException with {@link ErrorCode#INVALID_CONFIGURATION} for a malformed version or blank
     *     description, or an app routed to none of the chosen databases
     */
    public BaselineReport baseline(String version, String description, AppName... apps) {
        return baseline(false, version, description, apps);
    }

    /**
     * Lists what {@link #baseline(String, String, AppName...)} would do, with its refusals; changes nothing.
     *
     * @throws RoutingException as {@link #baseline(String, String, AppName...)} does
     */
    public BaselineReport planBaseline(String version, String description, AppName... apps) {
        return baseline(true, version, description, apps);
    }

    private RepairReport repair(boolean dryRun, AppName... apps) {
        List<AdminView.Database> chosen = chosen(List.of(apps));
        CredentialsSource source = credentials;
        List<List<RepairReport.Repair>> repairs = Parallel.map(chosen, parallelism, "routing-repair", d -> {
            try {
                return Maintenance.repair(d.db(), d.apps(), config, dataSource(source, d.db(), MAINTENANCE), dryRun);
            } catch (RuntimeException e) {
                return Maintenance.failedRepairs(d.db(), d.apps(), Failures.describe(e));
            }
        });
        return new RepairReport(dryRun, repairs.stream().flatMap(List::stream).toList());
    }

    private BaselineReport baseline(boolean dryRun, String version, String description, AppName... apps) {
        List<String> problems = new ArrayList<>();
        if (!BASELINE_VERSION.matcher(version).matches()) {
            problems.add("baseline version " + Text.quote(version)
                    + " is not a Flyway version: give digits separated by dots, such as 1 or 20260101000000");
        }
        if (description.isBlank()) {
            problems.add("the baseline description is blank: say where the tables came from, such as"
                    + " \"adopted from public\"");
        }
        if (!problems.isEmpty()) {
            throw RoutingException.of(ErrorCode.INVALID_CONFIGURATION, String.join("; ", problems));
        }
        List<AdminView.Database> chosen = chosen(List.of(apps));
        CredentialsSource source = credentials;
        List<List<BaselineReport.Baseline>> baselines = Parallel.map(chosen, parallelism, "routing-baseline", d -> {
            try {
                return Maintenance.baseline(
                        d.db(),
                        d.apps(),
                        config,
                        dataSource(source, d.db(), MAINTENANCE),
                        version,
                        description,
                        dryRun);
            } catch (RuntimeException e) {
                return Maintenance.failedBaselines(d.db(), d.apps(), Failures.describe(e));
            }
        });
        return new BaselineReport(
                dryRun, version, baselines.stream().flatMap(List::stream).toList());
    }

    /** Returns the chosen databases with only {@code apps} (all apps when empty), leaving out databases without any. */
    private List<AdminView.Database> chosen(List<AppName> apps) {
        AdminView view = view();
        if (apps.isEmpty()) {
            return view.databases();
        }
        List<AppName> routed = view.databases().stream()
                .flatMap(d -> d.apps().stream())
                .distinct()
                .toList();
        List<String> unknown = apps.stream()
                .filter(app -> !routed.contains(app))
                .map(app -> "app '" + app + "' is routed to none of the databases " + Text.list(view.dbNames())
                        + Text.didYouMean(
                                app.value(), routed.stream().map(AppName::value).toList()))
                .toList();
        if (!unknown.isEmpty()) {
            throw RoutingException.of(
                    ErrorCode.INVALID_CONFIGURATION,
                    String.join("; ", unknown) + ": name apps of those databases, or choose other databases");
        }
        List<AdminView.Database> result = new ArrayList<>();
        for (AdminView.Database d : view.databases()) {
            List<AppName> kept = d.apps().stream().filter(apps::contains).toList();
            if (!kept.isEmpty()) {
                result.add(new AdminView.Database(d.db(), kept, d.devOnly()));
            }
        }
        return result;
    }

    private MigrateAllReport migrate(boolean dryRun) {
        AdminView view = view();
        CredentialsSource source = credentials;
        long start = System.nanoTime();
        int threads = Math.max(1, Math.min(parallelism, view.databases().size()));
        log.info(
                "migrate-all: {} {} databases, {} at a time",
                dryRun ? "planning" : "migrating",
                view.databases().size(),
                threads);
        List<DatabaseMigrationResult> results =
                Parallel.map(view.databases(), threads, "routing-migrate", d -> one(d, source, dryRun));
        MigrateAllReport report =
                new MigrateAllReport(results, dryRun, threads, Duration.ofNanos(System.nanoTime() - start));
        log.info(
                "migrate-all: {} databases done in {} ms, {} migrations {}, {} failed",
                results.size(),
                report.duration().toMillis(),
                dryRun ? report.pendingCount() : report.appliedCount(),
                dryRun ? "pending" : "applied",
                report.failures().size());
        return report;
    }

    private DatabaseMigrationResult one(AdminView.Database database, CredentialsSource source, boolean dryRun) {
        DbName db = database.db();
        List<AppName> apps = database.apps();
        log.info("{}: {} apps {}", db, dryRun ? "planning" : "migrating", apps);
        listener.databaseStarted(db, apps);
        long start = System.nanoTime();
        DatabaseMigrationResult result;
        try {
            DataSource dataSource = dataSource(source, db, MIGRATIONS);
            MigrationError unsafe = allowUnsafe ? null : LintGate.check(db, apps, config, dataSource, linter, dryRun);
            if (unsafe == null) {
                result = DatabaseRun.migrate(db, apps, config, dataSource, dryRun);
            } else if (dryRun) {
                // The plan still lists what is pending, and says the real run would refuse it.
                DatabaseMigrationResult plan = DatabaseRun.migrate(db, apps, config, dataSource, true);
                result = new DatabaseMigrationResult(
                        db, plan.apps(), plan.orphanedHistories(), Duration.ofNanos(System.nanoTime() - start), unsafe);
            } else {
                result = new DatabaseMigrationResult(
                        db, List.of(), List.of(), Duration.ofNanos(System.nanoTime() - start), unsafe);
            }
        } catch (RuntimeException e) {
            result = new DatabaseMigrationResult(
                    db, List.of(), List.of(), Duration.ofNanos(System.nanoTime() - start), Failures.describe(e));
        }
        if (result.success()) {
            log.info(
                    "{}: done in {} ms, {} migrations {}",
                    db,
                    result.duration().toMillis(),
                    dryRun ? result.pendingCount() : result.appliedCount(),
                    dryRun ? "pending" : "applied");
        } else {
            log.warn("{}: failed after {} ms", db, result.duration().toMillis());
        }
        listener.databaseFinished(result);
        return result;
    }

    /** Status and validation: short reads, so a stalled server fails its own database within seconds. */
    private static final ConnectOptions READS = ConnectOptions.forReads("approuting-status");

    /** Repair and baseline: a few writes to the history. */
    private static final ConnectOptions MAINTENANCE = ConnectOptions.of("approuting-migrate-all");

    /** Migrations: bounded connect, no limit on a statement (see {@link ConnectOptions#forMigrations}). */
    private static final ConnectOptions MIGRATIONS = ConnectOptions.forMigrations("approuting-migrate-all");

    private static DataSource dataSource(CredentialsSource source, DbName db, ConnectOptions options) {
        DbCredentials credentials = source.require(db);
        return Connections.dataSource(credentials, options);
    }

    /** Configures {@link MigrateAll}; mutable, not thread-safe. */
    public static final class Builder {
        private final DbRouterRegistry registry;
        private Environment environment = Environment.PRODUCTION;
        private @Nullable CredentialsSource credentials;
        private List<DbName> only = List.of();
        private int parallelism = DEFAULT_PARALLELISM;
        private MigrationConfig config = MigrationConfig.defaults();
        private MigrationListener listener = new MigrationListener() {};
        private boolean allowUnsafe;
        private @Nullable MigrationLinter linter;

        private Builder(DbRouterRegistry registry) {
            this.registry = registry;
        }

        /** Sets whose admin view to use (default {@link Environment#PRODUCTION}: dev-only databases left out). */
        public Builder environment(Environment environment) {
            this.environment = environment;
            return this;
        }

        /** Sets where each database's credentials come from (required). */
        public Builder credentials(CredentialsSource credentials) {
            this.credentials = credentials;
            return this;
        }

        /** Restricts the run to these databases (default: every database of the admin view). */
        public Builder databases(List<DbName> dbs) {
            this.only = List.copyOf(dbs);
            return this;
        }

        /**
         * Sets how many databases are worked on at once (default {@value MigrateAll#DEFAULT_PARALLELISM}; at least
         * 1). Each database worked on opens 2 to 3 connections of its own, so a server hosting many of the databases
         * sees up to about {@code 3 * n} sessions of the run at once; Flyway's lock is per database and app, so any
         * value is safe.
         */
        public Builder parallelism(int n) {
            this.parallelism = n;
            return this;
        }

        /** Sets the Flyway settings (default {@link MigrationConfig#defaults()}). */
        public Builder config(MigrationConfig config) {
            this.config = config;
            return this;
        }

        /** Sets who hears each database start and finish (default: nobody; progress is also logged). */
        public Builder listener(MigrationListener listener) {
            this.listener = listener;
            return this;
        }

        /**
         * Lets {@link MigrateAll#run()} apply pending migrations the lint finds unsafe (default false: such
         * a database is refused, reported as failed with every finding, and the others continue).
         */
        public Builder allowUnsafe(boolean allow) {
            this.allowUnsafe = allow;
            return this;
        }

        /** Sets the linter that checks pending migrations before they run (default: its defaults). */
        public Builder linter(MigrationLinter linter) {
            this.linter = linter;
            return this;
        }

        /**
         * Returns the configured run; nothing connects until a verb is called.
         *
         * @throws RoutingException with {@link ErrorCode#INVALID_CONFIGURATION} listing every problem: no
         *     credentials source, a parallelism below 1
         */
        public MigrateAll load() {
            List<String> problems = new ArrayList<>();
            CredentialsSource source = credentials;
            if (source == null) {
                problems.add("migrate-all has no credentials source: call credentials(CredentialsSource"
                        + ".mountedSecrets(dir, namespace)) or another source");
            }
            if (parallelism < 1) {
                problems.add("parallelism is " + parallelism + ": give 1 or more databases at once");
            }
            if (source == null || !problems.isEmpty()) {
                throw RoutingException.of(ErrorCode.INVALID_CONFIGURATION, String.join("; ", problems));
            }
            MigrationLinter gate = linter;
            return new MigrateAll(
                    this,
                    source,
                    gate != null ? gate : MigrationLinter.configure().load());
        }
    }
}
