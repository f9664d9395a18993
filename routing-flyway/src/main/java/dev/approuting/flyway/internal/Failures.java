package dev.approuting.flyway.internal;

import dev.approuting.core.ErrorCode;
import dev.approuting.core.RoutingException;
import dev.approuting.flyway.MigrationError;
import java.sql.SQLException;
import java.util.List;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.output.MigrateOutput;
import org.flywaydb.core.internal.exception.FlywayMigrateException;
import org.flywaydb.core.internal.sqlscript.FlywaySqlScriptException;
import org.jspecify.annotations.Nullable;

/**
 * Turns what Flyway or the driver threw into a {@link MigrationError}: message, script, line, SQLState.
 *
 * <p>The one class that reads Flyway's internal exception types ({@code org.flywaydb.core.internal}): Flyway's
 * API exception ({@code FlywayException}) carries only a message, while the script, the line of the failing
 * statement and the migrations applied before the failure are on its internal subclasses. If Flyway moves
 * them, this class is the one to change (the library rules keep every other class off Flyway's internals).
 */
public final class Failures {
    private static final int MAX_MESSAGE = 2000;

    private Failures() {}

    /** Returns the error {@code failure} describes. */
    public static MigrationError describe(Throwable failure) {
        String script = null;
        Integer line = null;
        String sqlState = null;
        SQLException sql = null;
        ErrorCode code = null;
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof RoutingException routing && code == null) {
                code = routing.code();
            }
            if (t instanceof FlywayMigrateException migrate) {
                MigrationInfo migration = migrate.getMigration();
                if (script == null && migration != null) {
                    script = migration.getScript();
                }
                if (line == null && migrate.getLineNumber() > 0) {
                    line = migrate.getLineNumber();
                }
            }
            if (t instanceof FlywaySqlScriptException scriptFailure) {
                if (script == null && scriptFailure.getResource() != null) {
                    script = scriptFailure.getResource().getFilename();
                }
                if (line == null && scriptFailure.getLineNumber() > 0) {
                    line = scriptFailure.getLineNumber();
                }
            }
            if (t instanceof SQLException e && sql == null) {
                sql = e;
                sqlState = e.getSQLState();
            }
            if (t.getCause() == t) {
                break;
            }
        }
        String message = sql != null && sql.getMessage() != null ? sql.getMessage() : messageOf(failure);
        return new MigrationError(trim(message), script, line, sqlState, code);
    }

    /**
     * Returns the migrations a failed migrate applied before the failing one (Flyway commits each
     * migration on its own), or {@code null} when {@code failure} does not say.
     */
    public static @Nullable List<MigrateOutput> appliedBefore(Throwable failure) {
        if (failure instanceof FlywayMigrateException migrate && migrate.getErrorResult() != null) {
            return migrate.getErrorResult().getSuccessfulMigrations();
        }
        return null;
    }

    private static String messageOf(Throwable failure) {
        String message = failure.getMessage();
        return message == null || message.isBlank() ? failure.getClass().getSimpleName() : message;
    }

    private static String trim(@Nullable String message) {
        String m = message == null ? "" : message.strip();
        return m.length() > MAX_MESSAGE ? m.substring(0, MAX_MESSAGE) + " …" : m;
    }
}
