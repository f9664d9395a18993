package dev.approuting.flyway.internal;

import dev.approuting.core.AppName;
import dev.approuting.core.DbName;
import dev.approuting.flyway.AppMigrationResult;
import dev.approuting.flyway.AppMigrationResult.Outcome;
import dev.approuting.flyway.AppStatus;
import dev.approuting.flyway.AppliedMigration;
import dev.approuting.flyway.DatabaseMigrationResult;
import dev.approuting.flyway.DatabaseStatus;
import dev.approuting.flyway.FlywaySettings;
import dev.approuting.flyway.MigrationConfig;
import dev.approuting.flyway.MigrationError;
import dev.approuting.flyway.ValidationReport;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;
import org.flywaydb.core.api.MigrationState;
import org.flywaydb.core.api.output.MigrateOutput;
import org.flywaydb.core.api.output.MigrateResult;
import org.flywaydb.core.api.output.ValidateOutput;
import org.flywaydb.core.api.output.ValidateResult;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Works on the apps of one logical database: migrates (or plans) them in order, stopping at the first
 * failing app; reads their status; validates them.
 */
public final class DatabaseRun {
    private static final Logger log = LoggerFactory.getLogger(DatabaseRun.class);

    private DatabaseRun() {}

    /** Migrates {@code apps} in {@code db}, or with {@code dryRun} only lists what would be applied. */
    public static DatabaseMigrationResult migrate(
            DbName db, List<AppName> apps, MigrationConfig config, DataSource dataSource, boolean dryRun) {
        long start = System.nanoTime();
        Set<String> histories;
        try {
            histories = History.schemasWithHistory(dataSource);
        } catch (SQLException | RuntimeException e) {
            MigrationError error = Failures.describe(e);
            log.warn("{}: cannot read the database: {}", db, error.describe());
            return new DatabaseMigrationResult(db, List.of(), List.of(), since(start), error);
        }
        List<String> orphaned = orphaned(histories, apps);
        if (!orphaned.isEmpty()) {
            log.warn(
                    "{}: schemas {} hold migration histories of apps no longer routed here; their tables stay untouched",
                    db,
                    orphaned);
        }
        if (dryRun) {
            return new DatabaseMigrationResult(
                    db, apps(db, apps, config, dataSource, histories, true), orphaned, since(start), null);
        }
        // Held shared while the apps migrate: repair and baseline refuse to run meanwhile.
        MigrationLock lock;
        try {
            lock = MigrationLock.shared(dataSource);
        } catch (SQLException | RuntimeException e) {
            MigrationError error = Failures.describe(e);
            log.warn("{}: cannot take the migration lock: {}", db, error.describe());
            return new DatabaseMigrationResult(db, List.of(), orphaned, since(start), error);
        }
        try {
            return new DatabaseMigrationResult(
                    db, apps(db, apps, config, dataSource, histories, false), orphaned, since(start), null);
        } finally {
            lock.release(db);
        }
    }

    private static List<AppMigrationResult> apps(
            DbName db,
            List<AppName> apps,
            MigrationConfig config,
            DataSource dataSource,
            Set<String> histories,
            boolean dryRun) {
        List<AppMigrationResult> results = new ArrayList<>();
        boolean failed = false;
        for (AppName app : apps) {
            boolean newHistory = !histories.contains(app.value());
            List<Scripts.Problem> problems =
                    Scripts.problems(app, config.settingsFor(app).locationsFor(app), config.classLoader());
            // Unusable files say more than "no migrations" (a dangling link is not found as a migration).
            String unresolved = problems.isEmpty() ? withoutMigrations(db, app, config) : null;
            if (unresolved != null) {
                // Reported even after an earlier failure: every app without migrations is named at once.
                log.warn("{}: {}", db, unresolved);
                results.add(new AppMigrationResult(
                        app,
                        Outcome.FAILED,
                        List.of(),
                        List.of(),
                        null,
                        newHistory,
                        Duration.ZERO,
                        new MigrationError(unresolved, null, null, null)));
                failed = true;
                continue;
            }
            if (failed) {
                results.add(new AppMigrationResult(
                        app, Outcome.SKIPPED, List.of(), List.of(), null, newHistory, Duration.ZERO, null));
                continue;
            }
            if (config.settingsFor(app).hasNoTables()) {
                results.add(new AppMigrationResult(
                        app, Outcome.NO_TABLES, List.of(), List.of(), null, newHistory, Duration.ZERO, null));
                continue;
            }
            AppMigrationResult result;
            if (!problems.isEmpty()) {
                log.warn("{}: app {} has unusable migration files: {}", db, app, problems);
                result = new AppMigrationResult(
                        app,
                        Outcome.FAILED,
                        List.of(),
                        List.of(),
                        null,
                        newHistory,
                        Duration.ZERO,
                        new MigrationError(describe(problems), problems.get(0).script(), null, null));
            } else {
                Flyway flyway = AppFlyway.create(db, app, config.settingsFor(app), dataSource, config.classLoader());
                result = dryRun ? plan(app, flyway, newHistory) : migrate(db, app, flyway, newHistory);
            }
            failed = result.outcome() == Outcome.FAILED;
            results.add(result);
        }
        return results;
    }

    /** Reads the migration state of {@code apps} in {@code db}; changes nothing. */
    public static DatabaseStatus status(DbName db, List<AppName> apps, MigrationConfig config, DataSource dataSource) {
        Set<String> histories;
        try {
            histories = History.schemasWithHistory(dataSource);
        } catch (SQLException | RuntimeException e) {
            return DatabaseStatus.unreadable(db, apps, List.of(), Failures.describe(e));
        }
        List<AppStatus> statuses = new ArrayList<>();
        for (AppName app : apps) {
            String unresolved = withoutMigrations(db, app, config);
            boolean noTables = config.settingsFor(app).hasNoTables();
            if (noTables && unresolved == null) {
                statuses.add(new AppStatus(
                        app,
                        true,
                        null,
                        histories.contains(app.value()),
                        List.of(),
                        List.of(),
                        List.of(),
                        List.of(),
                        List.of(),
                        true,
                        null));
                continue;
            }
            Flyway flyway = AppFlyway.create(db, app, config.settingsFor(app), dataSource, config.classLoader());
            MigrationInfoService info;
            try {
                info = flyway.info();
            } catch (RuntimeException e) {
                return DatabaseStatus.unreadable(db, apps, statuses, Failures.describe(e));
            }
            List<String> failed = new ArrayList<>();
            List<String> mismatches = new ArrayList<>();
            List<String> missing = new ArrayList<>();
            for (MigrationInfo migration : info.all()) {
                MigrationState state = migration.getState();
                if (state.isFailed()) {
                    failed.add(name(migration));
                } else if (state == MigrationState.MISSING_SUCCESS) {
                    missing.add(name(migration));
                } else if (state.isApplied() && state.isResolved() && !migration.isChecksumMatching()) {
                    mismatches.add(name(migration));
                }
            }
            statuses.add(new AppStatus(
                    app,
                    true,
                    version(info.current()),
                    histories.contains(app.value()),
                    versions(info.pending()),
                    failed,
                    mismatches,
                    missing,
                    history(info),
                    noTables,
                    unresolved));
        }
        return new DatabaseStatus(db, true, null, statuses, orphaned(histories, apps));
    }

    /** Validates every app of {@code db} against its scripts, adding each problem to {@code problems}. */
    public static void validate(
            DbName db,
            List<AppName> apps,
            MigrationConfig config,
            DataSource dataSource,
            List<ValidationReport.Problem> problems) {
        try {
            History.schemasWithHistory(dataSource);
        } catch (SQLException | RuntimeException e) {
            problems.add(new ValidationReport.Problem(
                    db,
                    null,
                    null,
                    "cannot read the database: " + Failures.describe(e).describe()));
            return;
        }
        for (AppName app : apps) {
            List<Scripts.Problem> unusable =
                    Scripts.problems(app, config.settingsFor(app).locationsFor(app), config.classLoader());
            for (Scripts.Problem problem : unusable) {
                problems.add(new ValidationReport.Problem(db, app, problem.script(), problem.problem()));
            }
            String unresolved = unusable.isEmpty() ? withoutMigrations(db, app, config) : null;
            if (unresolved != null) {
                problems.add(new ValidationReport.Problem(db, app, null, unresolved));
            }
            if (config.settingsFor(app).hasNoTables()) {
                continue;
            }
            Flyway flyway = AppFlyway.forValidation(db, app, config.settingsFor(app), dataSource, config.classLoader());
            try {
                ValidateResult result = flyway.validateWithResult();
                if (result.validationSuccessful) {
                    continue;
                }
                if (result.invalidMigrations == null || result.invalidMigrations.isEmpty()) {
                    String message =
                            result.errorDetails == null ? "validation failed" : result.errorDetails.errorMessage;
                    problems.add(new ValidationReport.Problem(db, app, null, repairHint(message, db, app)));
                }
                for (ValidateOutput invalid :
                        result.invalidMigrations == null ? List.<ValidateOutput>of() : result.invalidMigrations) {
                    String migration = invalid.filepath != null && !invalid.filepath.isBlank()
                            ? fileName(invalid.filepath)
                            : invalid.version;
                    String message = invalid.errorDetails == null ? "invalid" : invalid.errorDetails.errorMessage;
                    problems.add(new ValidationReport.Problem(db, app, migration, repairHint(message, db, app)));
                }
            } catch (RuntimeException e) {
                problems.add(new ValidationReport.Problem(
                        db, app, null, Failures.describe(e).describe()));
            }
        }
    }

    /**
     * Returns why {@code app} cannot be migrated in {@code db} as configured: no migration in its locations
     * (naming them and the fix), or migrations although its settings say it has no tables; {@code null}
     * when neither.
     */
    public static @Nullable String withoutMigrations(DbName db, AppName app, MigrationConfig config) {
        FlywaySettings settings = config.settingsFor(app);
        List<String> locations = settings.locationsFor(app);
        List<String> found = Scripts.migrations(app, locations, config.classLoader());
        if (settings.hasNoTables()) {
            return found.isEmpty()
                    ? null
                    : "app '" + app + "' in database '" + db + "' is set to hasNoTables(true), but "
                            + String.join(", ", locations) + " hold" + (locations.size() == 1 ? "s " : " ")
                            + found.size() + " migration" + (found.size() == 1 ? "" : "s") + " ("
                            + String.join(", ", found.subList(0, Math.min(3, found.size())))
                            + (found.size() > 3 ? ", …" : "") + "): remove the setting or the scripts";
        }
        if (!found.isEmpty()) {
            return null;
        }
        return "app '" + app + "' is routed to database '" + db + "' but has no migrations: none found in "
                + String.join(", ", locations) + ". Put its scripts there (for a classpath: location, in a folder"
                + " or jar on the class path of the service that migrates), point the app at its scripts with"
                + " MigrationConfig.builder().app(\"" + app + "\", s -> s.locations(...)), or, if the app really"
                + " has no tables, say so with app(\"" + app + "\", s -> s.hasNoTables(true))";
    }

    /** Says where Flyway's "run repair" leads: the repair of this app in this database. */
    private static String repairHint(String message, DbName db, AppName app) {
        return message.strip().replace("run repair", "run repair() for app '" + app + "' in database '" + db + "'");
    }

    /** Returns the schemas holding a history that belong to none of {@code apps}. */
    public static List<String> orphaned(Set<String> histories, List<AppName> apps) {
        List<String> names = apps.stream().map(AppName::value).toList();
        return histories.stream().filter(s -> !names.contains(s)).toList();
    }

    private static AppMigrationResult plan(AppName app, Flyway flyway, boolean newHistory) {
        long start = System.nanoTime();
        try {
            var info = flyway.info();
            List<String> pending = versions(info.pending());
            return new AppMigrationResult(
                    app,
                    pending.isEmpty() ? Outcome.UP_TO_DATE : Outcome.PLANNED,
                    List.of(),
                    pending,
                    version(info.current()),
                    newHistory,
                    since(start),
                    null);
        } catch (RuntimeException e) {
            return new AppMigrationResult(
                    app, Outcome.FAILED, List.of(), List.of(), null, newHistory, since(start), Failures.describe(e));
        }
    }

    private static AppMigrationResult migrate(DbName db, AppName app, Flyway flyway, boolean newHistory) {
        long start = System.nanoTime();
        try {
            MigrateResult result = flyway.migrate();
            List<String> applied = outputs(result.getSuccessfulMigrations());
            // Read back rather than trust the result: a concurrent run may have applied some of the
            // migrations (Flyway takes its lock per migration), so this run's last version is not the schema's.
            String current = version(flyway.info().current());
            log.debug("{}: app {} applied {}, now at version {}", db, app, applied, current);
            return new AppMigrationResult(
                    app,
                    applied.isEmpty() ? Outcome.UP_TO_DATE : Outcome.MIGRATED,
                    applied,
                    List.of(),
                    current,
                    newHistory,
                    since(start),
                    null);
        } catch (RuntimeException e) {
            MigrationError error = InvalidIndexes.explain(
                    db, app, Failures.describe(e), flyway.getConfiguration().getDataSource());
            log.warn("{}: app {} failed: {}", db, app, error.describe());
            List<String> applied = List.of();
            List<MigrateOutput> appliedBeforeFailure = Failures.appliedBefore(e);
            if (appliedBeforeFailure != null) {
                applied = outputs(appliedBeforeFailure);
            }
            List<String> pending = List.of();
            String current = null;
            try {
                var info = flyway.info();
                pending = versions(info.pending());
                current = version(info.current());
            } catch (RuntimeException ignored) {
                log.debug("{}: app {}: no migration info after the failure", db, app);
            }
            return new AppMigrationResult(
                    app, Outcome.FAILED, applied, pending, current, newHistory, since(start), error);
        }
    }

    private static String describe(List<Scripts.Problem> problems) {
        StringBuilder text = new StringBuilder("nothing applied, unusable migration files: ");
        for (int i = 0; i < problems.size(); i++) {
            text.append(i == 0 ? "" : "; ")
                    .append(problems.get(i).script())
                    .append(' ')
                    .append(problems.get(i).problem());
        }
        return text.toString();
    }

    private static List<AppliedMigration> history(MigrationInfoService info) {
        List<AppliedMigration> history = new ArrayList<>();
        for (MigrationInfo migration : info.applied()) {
            history.add(new AppliedMigration(
                    migration.getVersion() == null
                            ? null
                            : migration.getVersion().getVersion(),
                    migration.getDescription(),
                    migration.getType().name(),
                    migration.getType().isSynthetic() ? null : migration.getScript(),
                    migration.getInstalledOn() == null
                            ? null
                            : migration.getInstalledOn().toInstant(),
                    migration.getInstalledBy(),
                    Duration.ofMillis(migration.getExecutionTime() == null ? 0 : migration.getExecutionTime()),
                    !migration.getState().isFailed()));
        }
        return history;
    }

    private static List<String> versions(MigrationInfo[] infos) {
        return Arrays.stream(infos).map(DatabaseRun::name).toList();
    }

    private static List<String> outputs(@Nullable List<MigrateOutput> outputs) {
        if (outputs == null) {
            return List.of();
        }
        return outputs.stream()
                .map(o -> o.version == null || o.version.isEmpty() ? "R:" + o.description : o.version)
                .toList();
    }

    private static String name(MigrationInfo migration) {
        return migration.getVersion() != null ? migration.getVersion().getVersion() : "R:" + migration.getDescription();
    }

    private static String fileName(String path) {
        int slash = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
        return path.substring(slash + 1);
    }

    private static @Nullable String version(@Nullable MigrationInfo info) {
        return info == null || info.getVersion() == null
                ? null
                : info.getVersion().getVersion();
    }

    private static Duration since(long start) {
        return Duration.ofNanos(System.nanoTime() - start);
    }
}
