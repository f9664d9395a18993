package dev.approuting.admin.internal;

import dev.approuting.core.AppName;
import dev.approuting.core.DbName;
import dev.approuting.core.Environment;
import dev.approuting.core.ServiceName;
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
     * One logical database.
     *
     * @param db the database
     * @param devOnly whether it exists only in development
     * @param server {@code host:port} from its credentials, or {@code null} when they are unusable
     * @param reachable whether it answered the probe
     * @param error why not, or why its migration state could not be read; never a password
     * @param probeMillis how long the probe took
     * @param pool the state of the pool this process holds for it, or {@code null} when it holds none
     * @param apps its apps in migration order
     * @param orphanedHistories schemas with a history of an app no longer routed here
     */
    public record Database(
            DbName db,
            boolean devOnly,
            @Nullable String server,
            boolean reachable,
            @Nullable String error,
            long probeMillis,
            @Nullable Pool pool,
            List<App> apps,
            List<String> orphanedHistories) {
        /** Copies the lists. */
        public Database {
            apps = List.copyOf(apps);
            orphanedHistories = List.copyOf(orphanedHistories);
        }
    }

    /**
     * One app in one database.
     *
     * @param app the app
     * @param known whether its migration state could be read
     * @param version the newest applied version, or {@code null} when none or unknown
     * @param pending versions not applied yet
     * @param problems failed, changed or missing migrations, and "never migrated here"
     * @param lint findings of the migration linter on the pending scripts
     */
    public record App(
            AppName app,
            boolean known,
            @Nullable String version,
            List<String> pending,
            List<String> problems,
            List<Lint> lint) {
        /** Copies the lists. */
        public App {
            pending = List.copyOf(pending);
            problems = List.copyOf(problems);
            lint = List.copyOf(lint);
        }

        /** Returns an app whose state is unknown because its database could not be read. */
        static App unknown(AppName app) {
            return new App(app, false, null, List.of(), List.of(), List.of());
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
     */
    public record Lint(String script, int line, String severity, String rule, String message) {}

    /**
     * The pool this process holds for a database.
     *
     * @param open whether it is open yet (pools open on first use)
     * @param active connections in use
     * @param idle connections open and unused
     * @param total connections open
     * @param waiting callers waiting for a connection
     */
    public record Pool(boolean open, int active, int idle, int total, int waiting) {}

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
