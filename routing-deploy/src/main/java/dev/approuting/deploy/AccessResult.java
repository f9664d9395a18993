package dev.approuting.deploy;

import dev.approuting.core.AppName;
import dev.approuting.core.DbName;
import org.jspecify.annotations.Nullable;

/**
 * One row of an {@link AccessReport}: one check of one database (and app), passed or not.
 *
 * @param db the logical database
 * @param app the app, for the checks of an app's schema and migrations
 * @param check what was checked
 * @param ok whether it passed
 * @param detail what was seen, and on failure what to do; never a password
 */
public record AccessResult(DbName db, @Nullable AppName app, Check check, boolean ok, String detail) {
    /** What {@link AccessCheck} checks, in this order for each declared database. */
    public enum Check {
        /** The service's secret of the database exists and is well formed. */
        SECRET,
        /** The secret's login role logs in to the database. */
        LOGIN,
        /** The login role may {@code SET ROLE} to the secret's owner role. */
        SET_ROLE,
        /** The app's schema exists and the role may use it. */
        SCHEMA,
        /** Every migration of the app the service's class path holds is applied, and none failed or changed. */
        MIGRATIONS,
        /** A database the service does not declare: no secret of it is at hand, and no login of the service reaches it. */
        UNDECLARED
    }
}
