package dev.approuting.flyway;

import dev.approuting.core.AppName;
import dev.approuting.core.DbCredentials;
import dev.approuting.core.DbName;
import dev.approuting.core.ErrorCode;
import dev.approuting.core.RoutingException;
import dev.approuting.core.support.ConnectOptions;
import dev.approuting.core.support.Connections;
import dev.approuting.flyway.internal.DatabaseRun;
import dev.approuting.flyway.internal.LintGate;
import dev.approuting.lint.MigrationLinter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * Migrates the apps of one logical database, in order, each with its own Flyway history in the
 * schema named after the app. Immutable and thread-safe; two migrators on one database (in one or two
 * processes) apply each migration once, as Flyway's PostgreSQL lock serialises them.
 *
 * <pre>{@code
 * DatabaseMigrationResult result = DatabaseMigrator.configure(DbName.of("buildsense"), dataSource)
 *         .apps(AppName.listOf("workflow", "buildsense"))
 *         .load()
 *         .migrate()
 *         .orThrow();
 * }</pre>
 *
 * <p>To migrate every database of a registry, use {@link MigrateAll}.
 */
public final class DatabaseMigrator {
    private final DbName db;
    private final DataSource dataSource;
    private final List<AppName> apps;
    private final MigrationConfig config;
    private final @Nullable MigrationLinter gate;

    private DatabaseMigrator(Builder builder) {
        this.db = builder.db;
        this.dataSource = builder.dataSource;
        this.apps = List.copyOf(builder.apps);
        this.config = builder.config;
        this.gate = builder.gate;
    }

    /**
     * Starts a migrator for {@code db} over {@code dataSource}. The connections it gives must already
     * act as the role that should own the app schemas.
     */
    public static Builder configure(DbName db, DataSource dataSource) {
        return new Builder(db, dataSource);
    }

    /**
     * Starts a migrator for {@code db} that connects with {@code credentials} (and {@code SET ROLE}s to
     * their role, when they name one) on a new connection each time, without a pool.
     */
    public static Builder configure(DbName db, DbCredentials credentials) {
        return new Builder(db, Connections.dataSource(credentials, ConnectOptions.forMigrations("approuting-migrate")));
    }

    /** Returns the logical database. */
    public DbName db() {
        return db;
    }

    /** Returns the apps in migration order. */
    public List<AppName> apps() {
        return apps;
    }

    /**
     * Applies every pending migration of each app in order. When an app fails, the apps after it are
     * skipped (they may depend on it); the result says which. With a {@link Builder#lintGate lint gate}, a
     * database whose pending migrations have an error-level finding is refused first, as migrate-all refuses
     * it. Never throws for a failed migration or an unreachable database: see
     * {@link DatabaseMigrationResult#orThrow()}.
     */
    public DatabaseMigrationResult migrate() {
        MigrationLinter linter = gate;
        if (linter != null) {
            long start = System.nanoTime();
            MigrationError unsafe = LintGate.check(db, apps, config, dataSource, linter, false);
            if (unsafe != null) {
                return new DatabaseMigrationResult(
                        db, List.of(), List.of(), Duration.ofNanos(System.nanoTime() - start), unsafe);
            }
        }
        return DatabaseRun.migrate(db, apps, config, dataSource, false);
    }

    /** Lists, per app, the migrations {@link #migrate()} would apply; changes nothing. */
    public DatabaseMigrationResult plan() {
        return DatabaseRun.migrate(db, apps, config, dataSource, true);
    }

    /** Reads the migration state of each app; changes nothing. */
    public DatabaseStatus status() {
        return DatabaseRun.status(db, apps, config, dataSource);
    }

    /** Validates each app's applied migrations against its scripts; pending ones are not problems. */
    public ValidationReport validate() {
        List<ValidationReport.Problem> problems = new ArrayList<>();
        DatabaseRun.validate(db, apps, config, dataSource, problems);
        return new ValidationReport(apps.size(), problems);
    }

    /** Configures a {@link DatabaseMigrator}; mutable, not thread-safe. */
    public static final class Builder {
        private final DbName db;
        private final DataSource dataSource;
        private final List<AppName> apps = new ArrayList<>();
        private MigrationConfig config = MigrationConfig.defaults();
        private @Nullable MigrationLinter gate;

        private Builder(DbName db, DataSource dataSource) {
            this.db = db;
            this.dataSource = dataSource;
        }

        /** Adds apps, in migration order (an app's dependencies first). */
        public Builder apps(List<AppName> apps) {
            this.apps.addAll(apps);
            return this;
        }

        /** Adds apps, in migration order. */
        public Builder apps(AppName... apps) {
            return apps(List.of(apps));
        }

        /** Sets the Flyway settings (default {@link MigrationConfig#defaults()}). */
        public Builder config(MigrationConfig config) {
            this.config = config;
            return this;
        }

        /**
         * Lints the pending migrations before {@link DatabaseMigrator#migrate()} applies them and refuses the
         * database when {@code linter} finds an error-level problem, as {@link MigrateAll#run()} does (default:
         * no gate, as a plain Flyway would). The testkit turns it on for its templates.
         */
        public Builder lintGate(MigrationLinter linter) {
            this.gate = linter;
            return this;
        }

        /**
         * Returns the migrator.
         *
         * @throws RoutingException with {@link ErrorCode#INVALID_CONFIGURATION} when an app is listed twice
         */
        public DatabaseMigrator load() {
            if (new LinkedHashSet<>(apps).size() != apps.size()) {
                throw RoutingException.forDatabase(
                        ErrorCode.INVALID_CONFIGURATION,
                        db,
                        "database '" + db + "': an app is listed twice in " + apps + ": list each app once");
            }
            return new DatabaseMigrator(this);
        }
    }
}
