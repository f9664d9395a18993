package dev.approuting.flyway.internal;

import dev.approuting.core.AppName;
import dev.approuting.core.DbName;
import dev.approuting.flyway.BaselineReport;
import dev.approuting.flyway.BaselineReport.Baseline;
import dev.approuting.flyway.FlywaySettings;
import dev.approuting.flyway.MigrationConfig;
import dev.approuting.flyway.MigrationError;
import dev.approuting.flyway.RepairReport.Repair;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationState;
import org.flywaydb.core.api.output.RepairOutput;
import org.flywaydb.core.api.output.RepairResult;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Repair and baseline of the apps of one logical database, each under the exclusive {@link MigrationLock}:
 * refused while a migration run works on the database.
 */
public final class Maintenance {
    private static final Logger log = LoggerFactory.getLogger(Maintenance.class);

    /** The relation kinds that count as an app's tables when baselining: tables, views, sequences, foreign tables. */
    private static final String OBJECTS = "SELECT count(*) FROM pg_catalog.pg_class c"
            + " JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
            + " WHERE n.nspname = ? AND c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f') AND c.relname <> ?";

    private Maintenance() {}

    /** Repairs (or, with {@code dryRun}, plans the repair of) the history of each of {@code apps} in {@code db}. */
    public static List<Repair> repair(
            DbName db, List<AppName> apps, MigrationConfig config, DataSource dataSource, boolean dryRun) {
        return locked(db, apps, dataSource, "repair", error -> failedRepairs(db, apps, error), histories -> {
            List<Repair> repairs = new ArrayList<>();
            for (AppName app : apps) {
                FlywaySettings settings = config.settingsFor(app);
                if (settings.hasNoTables() || !histories.contains(app.value())) {
                    repairs.add(new Repair(db, app, List.of(), List.of(), List.of(), null));
                    continue;
                }
                Flyway flyway = AppFlyway.create(db, app, settings, dataSource, config.classLoader());
                try {
                    repairs.add(dryRun ? planRepair(db, app, flyway) : runRepair(db, app, flyway));
                } catch (RuntimeException e) {
                    repairs.add(new Repair(db, app, List.of(), List.of(), List.of(), Failures.describe(e)));
                }
            }
            return repairs;
        });
    }

    /**
     * Baselines (or, with {@code dryRun}, plans the baseline of) each of {@code apps} in {@code db} at
     * {@code version}: refused for an app with a history other than this very baseline, and for an app whose
     * schema holds no tables (its migrations up to the version would never run).
     */
    public static List<Baseline> baseline(
            DbName db,
            List<AppName> apps,
            MigrationConfig config,
            DataSource dataSource,
            String version,
            String description,
            boolean dryRun) {
        return locked(db, apps, dataSource, "baseline", error -> failedBaselines(db, apps, error), histories -> {
            List<Baseline> baselines = new ArrayList<>();
            for (AppName app : apps) {
                FlywaySettings settings = config.settingsFor(app);
                if (settings.hasNoTables()) {
                    continue;
                }
                try {
                    baselines.add(baselineOne(db, app, config, dataSource, histories, version, description, dryRun));
                } catch (RuntimeException | SQLException e) {
                    baselines.add(new Baseline(db, app, BaselineReport.Outcome.FAILED, Failures.describe(e)));
                }
            }
            return baselines;
        });
    }

    private static Baseline baselineOne(
            DbName db,
            AppName app,
            MigrationConfig config,
            DataSource dataSource,
            Set<String> histories,
            String version,
            String description,
            boolean dryRun)
            throws SQLException {
        FlywaySettings settings = config.settingsFor(app);
        if (histories.contains(app.value())) {
            MigrationInfo[] applied = AppFlyway.create(db, app, settings, dataSource, config.classLoader())
                    .info()
                    .applied();
            List<MigrationInfo> rows = new ArrayList<>();
            for (MigrationInfo row : applied) {
                if (!row.getType().name().equals("SCHEMA")) {
                    rows.add(row);
                }
            }
            if (rows.size() == 1
                    && rows.get(0).getType().isBaseline()
                    && rows.get(0).getVersion() != null
                    && rows.get(0).getVersion().getVersion().equals(version)) {
                return new Baseline(db, app, BaselineReport.Outcome.ALREADY_BASELINED, null);
            }
            MigrationInfo last = rows.isEmpty() ? null : rows.get(rows.size() - 1);
            return refused(
                    db,
                    app,
                    "app '" + app + "' in database '" + db + "' already has a migration history ("
                            + rows.size() + " row" + (rows.size() == 1 ? "" : "s")
                            + (last == null || last.getVersion() == null
                                    ? ""
                                    : ", newest version " + last.getVersion().getVersion())
                            + "): a baseline adopts an app without one, so nothing changed. Run migrate-all for"
                            + " pending migrations, or repair() for a broken history");
        }
        long objects = objects(dataSource, app);
        if (objects == 0) {
            return refused(
                    db,
                    app,
                    "schema '" + app + "' in database '" + db + "' holds no tables: a baseline at " + version
                            + " marks the app's migrations up to " + version + " as applied, so they would never"
                            + " create them. Move the app's tables into schema '" + app
                            + "' first (docs/adopting.md), or let migrate-all create them");
        }
        if (dryRun) {
            return new Baseline(db, app, BaselineReport.Outcome.PLANNED, null);
        }
        AppFlyway.forBaseline(db, app, settings, dataSource, config.classLoader(), version, description)
                .baseline();
        log.info("{}: app {} baselined at version {} ({} objects in its schema)", db, app, version, objects);
        return new Baseline(db, app, BaselineReport.Outcome.BASELINED, null);
    }

    private static Baseline refused(DbName db, AppName app, String message) {
        log.warn("{}: {}", db, message);
        return new Baseline(db, app, BaselineReport.Outcome.FAILED, new MigrationError(message, null, null, null));
    }

    private static long objects(DataSource dataSource, AppName app) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement count = connection.prepareStatement(OBJECTS)) {
            count.setString(1, app.value());
            count.setString(2, AppFlyway.HISTORY_TABLE);
            try (ResultSet row = count.executeQuery()) {
                return row.next() ? row.getLong(1) : 0;
            }
        }
    }

    private static Repair planRepair(DbName db, AppName app, Flyway flyway) {
        List<String> removed = new ArrayList<>();
        List<String> aligned = new ArrayList<>();
        List<String> deleted = new ArrayList<>();
        for (MigrationInfo migration : flyway.info().all()) {
            MigrationState state = migration.getState();
            String name = migration.getVersion() != null
                    ? migration.getVersion().getVersion()
                    : "R:" + migration.getDescription();
            if (state.isFailed()) {
                removed.add(name);
            } else if (state == MigrationState.MISSING_SUCCESS) {
                deleted.add(name);
            } else if (state.isApplied()
                    && state.isResolved()
                    && (!migration.isChecksumMatching()
                            || !migration.isDescriptionMatching()
                            || !migration.isTypeMatching())) {
                aligned.add(name);
            }
        }
        return new Repair(db, app, removed, aligned, deleted, null);
    }

    private static Repair runRepair(DbName db, AppName app, Flyway flyway) {
        RepairResult result = flyway.repair();
        Repair repair = new Repair(
                db,
                app,
                names(result.migrationsRemoved),
                names(result.migrationsAligned),
                names(result.migrationsDeleted),
                null);
        if (repair.changed()) {
            log.info("{}: {}", db, repair.describe());
        }
        return repair;
    }

    private static List<String> names(@Nullable List<RepairOutput> outputs) {
        if (outputs == null) {
            return List.of();
        }
        return outputs.stream()
                .map(o -> o.version == null || o.version.isEmpty() ? "R:" + o.description : o.version)
                .toList();
    }

    private static <T> List<T> locked(
            DbName db,
            List<AppName> apps,
            DataSource dataSource,
            String what,
            Function<MigrationError, List<T>> failed,
            Work<T> work) {
        Optional<MigrationLock> lock;
        try {
            lock = MigrationLock.tryExclusive(dataSource);
        } catch (SQLException | RuntimeException e) {
            return failed.apply(Failures.describe(e));
        }
        if (!lock.isPresent()) {
            String message = "a migration run (migrate-all, dev-setup or a migrator) is working on database '" + db
                    + "' and holds its migration lock: " + what + " refused, nothing changed for apps "
                    + apps + ". Wait until the run has finished, then run " + what + " again";
            log.warn("{}: {}", db, message);
            return failed.apply(new MigrationError(message, null, null, null));
        }
        MigrationLock held = lock.get();
        try {
            return work.run(History.schemasWithHistory(dataSource));
        } catch (SQLException | RuntimeException e) {
            return failed.apply(Failures.describe(e));
        } finally {
            held.release(db);
        }
    }

    /** The work done while the exclusive lock is held, given the schemas holding a history. */
    private interface Work<T> {
        List<T> run(Set<String> histories) throws SQLException;
    }

    /** Returns a failed repair for each app, all with {@code error}. */
    public static List<Repair> failedRepairs(DbName db, List<AppName> apps, MigrationError error) {
        return apps.stream()
                .map(app -> new Repair(db, app, List.of(), List.of(), List.of(), error))
                .toList();
    }

    /** Returns a failed baseline for each app, all with {@code error}. */
    public static List<Baseline> failedBaselines(DbName db, List<AppName> apps, MigrationError error) {
        return apps.stream()
                .map(app -> new Baseline(db, app, BaselineReport.Outcome.FAILED, error))
                .toList();
    }
}
