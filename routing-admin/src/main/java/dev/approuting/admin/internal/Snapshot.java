package dev.approuting.admin.internal;

import dev.approuting.core.AppName;
import dev.approuting.core.DbName;
import dev.approuting.core.Environment;
import dev.approuting.core.PoolState;
import dev.approuting.core.ReaderHealth;
import dev.approuting.core.ServiceName;
import dev.approuting.flyway.AppStatus;
import dev.approuting.flyway.DatabaseStatus;
import dev.approuting.flyway.MigrationError;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What the admin page shows at one moment: every database of the admin view with its server,
 * reachability, pool and apps, plus the routing table.
 *
 * @param adminService the admin service whose view this is
 * @param environment the environment of the view
 * @param takenAt when the databases were checked
 * @param databases one row per database, in registry order
 * @param routes the routing table
 */
public record Snapshot(
        ServiceName adminService,
        Environment environment,
        Instant takenAt,
        List<Database> databases,
        List<Route> routes) {
    /** Copies the lists. */
    public Snapshot {
        databases = List.copyOf(databases);
        routes = List.copyOf(routes);
    }

    /** Returns whether every database answered its probe. */
    public boolean allReachable() {
        return databases.stream().allMatch(Database::reachable);
    }

    /** Returns the row of {@code db}, if the view has it. */
    public Optional<Database> database(DbName db) {
        return databases.stream().filter(d -> d.db().equals(db)).findFirst();
    }

    /** Returns how many migrations are pending over every reachable database. */
    public int pendingCount() {
        return databases.stream()
                .flatMap(d -> d.apps().stream())
                .mapToInt(a -> a.pending().size())
                .sum();
    }

    /**
     * One logical database: how its probe went, the pool this process holds, and its migration status
     * (flyway's model, shared with {@code routing status}); unknown apps when it could not be read.
     *
     * @param devOnly whether it exists only in development
     * @param server {@code host:port} from its credentials, or {@code null} when they are unusable
     * @param reachable whether it answered the probe
     * @param probeMillis how long the probe took
     * @param pool the state of the pool this process holds for it, or {@code null} when it holds none
     * @param status its migration status; unreadable (with the probe's error) when it did not answer
     * @param apps its apps in migration order, with the lint of their pending scripts
     * @param reader its reader (replica) as this process's pools see it, or {@code null} when it has none here
     */
    public record Database(
            boolean devOnly,
            @Nullable String server,
            boolean reachable,
            long probeMillis,
            @Nullable PoolState pool,
            DatabaseStatus status,
            List<App> apps,
            @Nullable ReaderHealth reader) {
        /** Copies the list. */
        public Database {
            apps = List.copyOf(apps);
        }

        /** A database without a reader. */
        public Database(
                boolean devOnly,
                @Nullable String server,
                boolean reachable,
                long probeMillis,
                @Nullable PoolState pool,
                DatabaseStatus status,
                List<App> apps) {
            this(devOnly, server, reachable, probeMillis, pool, status, apps, null);
        }

        /** Returns the logical database. */
        public DbName db() {
            return status.db();
        }

        /** Returns why it is unreachable, or why its migration state could not be read; never a password. */
        public @Nullable String error() {
            MigrationError error = status.error();
            if (error == null) {
                return null;
            }
            return reachable ? "its migration state could not be read: " + error.describe() : error.message();
        }

        /** Returns the schemas with a history of an app no longer routed here. */
        public List<String> orphanedHistories() {
            return status.orphanedHistories();
        }
    }

    /**
     * One app in one database: its migration status and the lint of its pending scripts.
     *
     * @param status its migration status (unknown when its database could not be read)
     * @param lint findings of the migration linter on the pending scripts
     */
    public record App(AppStatus status, List<Lint> lint) {
        /** Copies the list. */
        public App {
            lint = List.copyOf(lint);
        }

        /** Returns an app whose state is unknown because its database could not be read. */
        static App unknown(AppName app) {
            return new App(AppStatus.unknown(app), List.of());
        }

        /** Returns the app. */
        public AppName app() {
            return status.app();
        }

        /** Returns whether its migration state could be read. */
        public boolean known() {
            return status.known();
        }

        /** Returns the newest applied version, or {@code null} when none or unknown. */
        public @Nullable String version() {
            return status.currentVersion();
        }

        /** Returns the versions not applied yet. */
        public List<String> pending() {
            return status.pending();
        }

        /** Returns failed, changed or missing migrations, and "never migrated here". */
        public List<String> problems() {
            return status.problems();
        }
    }

    /**
     * A finding of the migration linter on a pending script.
     *
     * @param script the script's file name
     * @param line the line of the statement, 0 when the whole script is concerned
     * @param severity the severity id ({@code error}, {@code warning})
     * @param rule the rule id
     * @param message what is wrong
     * @param fix the safe recipe, empty when there is none
     */
    public record Lint(String script, int line, String severity, String rule, String message, String fix) {
        /** A finding without a recipe (a script that cannot be read or parsed). */
        public Lint(String script, int line, String severity, String rule, String message) {
            this(script, line, severity, rule, message, "");
        }
    }

    /**
     * One row of the routing table.
     *
     * @param service the service
     * @param app the app
     * @param db the database the app is routed to in that service
     * @param admin whether the row comes from the admin view rather than a declared service
     */
    public record Route(ServiceName service, AppName app, DbName db, boolean admin) {}
}
