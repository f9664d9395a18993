package dev.approuting.core;

import dev.approuting.core.support.Text;
import java.util.List;
import java.util.Optional;

/**
 * Every logical database with its apps as the admin service sees them: what migrate-all, status and
 * provisioning work on. It holds no app to database map, since one app may live in several databases.
 *
 * @param adminService the admin service whose view this is
 * @param environment dev-only databases are included only in {@link Environment#DEVELOPMENT}
 * @param databases the databases in registry order
 */
public record AdminView(ServiceName adminService, Environment environment, List<Database> databases) {
    /** Copies the list. */
    public AdminView {
        databases = List.copyOf(databases);
    }

    /**
     * One logical database and the apps in it, in migration order.
     *
     * @param db the database
     * @param apps its apps, dependencies first
     * @param devOnly whether it exists only in development
     */
    public record Database(DbName db, List<AppName> apps, boolean devOnly) {
        /** Copies the list. */
        public Database {
            apps = List.copyOf(apps);
        }
    }

    /** Returns the database names in registry order. */
    public List<DbName> dbNames() {
        return databases.stream().map(Database::db).toList();
    }

    /** Returns the database named {@code db}, if the view has it. */
    public Optional<Database> find(DbName db) {
        return databases.stream().filter(d -> d.db().equals(db)).findFirst();
    }

    /**
     * Returns the database named {@code db}.
     *
     * @throws RoutingException with {@link ErrorCode#UNKNOWN_DATABASE} when the view lacks it
     */
    public Database require(DbName db) {
        return find(db).orElseThrow(() -> RoutingException.forService(
                ErrorCode.UNKNOWN_DATABASE,
                adminService,
                db,
                "database '" + db + "' is not in the " + environment.name().toLowerCase(java.util.Locale.ROOT)
                        + " admin view of '" + adminService + "'"
                        + Text.didYouMean(
                                db.value(),
                                dbNames().stream().map(DbName::value).toList())
                        + "; databases there: " + Text.list(dbNames())
                        + ". Add a router for it to the registry, or pick one of those"));
    }

    /**
     * Returns a view restricted to {@code dbs}, in registry order.
     *
     * @throws RoutingException with {@link ErrorCode#UNKNOWN_DATABASE} when a database is not in the view
     */
    public AdminView only(List<DbName> dbs) {
        dbs.forEach(this::require);
        return new AdminView(
                adminService,
                environment,
                databases.stream().filter(d -> dbs.contains(d.db())).toList());
    }
}
