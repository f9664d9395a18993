package dev.approuting.flyway.internal;

import dev.approuting.core.AppName;
import dev.approuting.core.DbName;
import dev.approuting.flyway.FlywaySettings;
import dev.approuting.flyway.MigrationConfig;
import dev.approuting.flyway.MigrationError;
import dev.approuting.lint.FileReport;
import dev.approuting.lint.Finding;
import dev.approuting.lint.MigrationLinter;
import dev.approuting.lint.Severity;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationState;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The safety gate of migrate-all: lints the pending migrations of every app of a database (each app's
 * scripts in Flyway order, so that the pending ones know what the applied ones built) and refuses the
 * database when an error-level finding exists.
 */
public final class LintGate {
    private static final Logger log = LoggerFactory.getLogger(LintGate.class);

    private LintGate() {}

    /**
     * Lints the pending migrations of {@code apps} in {@code db}, judging version-dependent rules by the
     * server's PostgreSQL version unless the linter has one configured.
     *
     * @param dryRun whether the check is for a plan: the message then says the real run would refuse
     * @return why the database is refused, or {@code null} when its pending migrations are safe (or
     *     cannot be read: then migrating reports the real problem)
     */
    public static @Nullable MigrationError check(
            DbName db,
            List<AppName> apps,
            MigrationConfig config,
            DataSource dataSource,
            MigrationLinter configured,
            boolean dryRun) {
        MigrationLinter linter;
        try (Connection connection = dataSource.getConnection()) {
            linter = configured.forServerVersion(connection.getMetaData().getDatabaseMajorVersion());
        } catch (SQLException e) {
            log.debug("{}: cannot read the server version to lint the pending migrations: {}", db, e.getMessage());
            return null;
        }
        List<String> unsafe = new ArrayList<>();
        String firstScript = null;
        Integer firstLine = null;
        for (AppName app : apps) {
            FlywaySettings settings = config.settingsFor(app);
            if (settings.hasNoTables()) {
                continue;
            }
            MigrationInfo[] all;
            Map<String, String> scripts = new HashMap<>();
            try {
                Flyway flyway = AppFlyway.create(db, app, settings, dataSource, config.classLoader());
                all = flyway.info().all();
                config.scripts(app).forEach(script -> scripts.putIfAbsent(script.path(), script.content()));
            } catch (RuntimeException e) {
                log.debug("{}: app {}: cannot read the pending migrations to lint them: {}", db, app, e.getMessage());
                return null;
            }
            Map<String, String> placeholders = new HashMap<>(settings.placeholders());
            placeholders.put("app", app.value());
            placeholders.put("db", db.value());
            Map<String, String> ordered = new LinkedHashMap<>();
            Set<String> pending = new HashSet<>();
            for (MigrationInfo migration : all) {
                String script = migration.getScript();
                String content = script == null ? null : scripts.get(script);
                if (script == null || content == null) {
                    continue;
                }
                ordered.put(script, substitute(content, placeholders));
                if (migration.getState() == MigrationState.PENDING || migration.getState() == MigrationState.OUTDATED) {
                    pending.add(script);
                }
            }
            for (FileReport report : linter.lintScripts(ordered).files()) {
                if (!pending.contains(report.path())) {
                    continue;
                }
                for (Finding f : report.findings()) {
                    if (f.severity() == Severity.ERROR) {
                        if (firstScript == null) {
                            firstScript = report.path();
                            firstLine = f.line();
                        }
                        unsafe.add(f.describe(app + "/" + report.path()) + " (fix: " + f.fix() + ")");
                    }
                }
            }
        }
        if (unsafe.isEmpty()) {
            return null;
        }
        log.warn(
                "{}: {}, {} unsafe statements in pending migrations",
                db,
                dryRun ? "would be refused" : "refused",
                unsafe.size());
        return new MigrationError(
                (dryRun ? "a real run would refuse to migrate: " : "refused to migrate: ") + unsafe.size()
                        + " unsafe statement" + (unsafe.size() == 1 ? "" : "s")
                        + " in pending migrations (" + String.join("; ", unsafe) + "). Fix them, suppress each with"
                        + " '-- routing:ignore <rule> reason: <why>', or migrate anyway with allowUnsafe(true)",
                firstScript,
                firstLine,
                null);
    }

    private static String substitute(String sql, Map<String, String> placeholders) {
        String result = sql;
        for (Map.Entry<String, String> p : placeholders.entrySet()) {
            result = result.replace("${" + p.getKey() + "}", p.getValue());
        }
        return result;
    }
}
