package dev.approuting.flyway;

import dev.approuting.core.AppName;
import dev.approuting.core.DbName;
import dev.approuting.core.ErrorCode;
import dev.approuting.core.RoutingException;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Every problem Flyway validation found, over all databases and apps of a {@link MigrateAll#validate()}
 * call. Pending migrations are not problems here (see {@link MigrateAll#status()}).
 *
 * @param checked how many (database, app) pairs were validated
 * @param problems every problem, in registry and migration order
 */
public record ValidationReport(int checked, List<ValidationReport.Problem> problems) {
    /** Copies the list. */
    public ValidationReport {
        problems = List.copyOf(problems);
    }

    /** Returns whether no problem was found. */
    public boolean valid() {
        return problems.isEmpty();
    }

    /**
     * One problem.
     *
     * @param db the logical database
     * @param app the app, or {@code null} when the database itself could not be read
     * @param migration the script or version concerned, or {@code null}
     * @param message what is wrong
     * @param code what kind of failure it was when approuting raised it, such as
     *     {@link ErrorCode#INVALID_CREDENTIALS} for a database whose secret is missing or malformed
     */
    public record Problem(
            DbName db,
            @Nullable AppName app,
            @Nullable String migration,
            String message,
            @Nullable ErrorCode code) {
        /** A problem found by validation itself (no code). */
        public Problem(DbName db, @Nullable AppName app, @Nullable String migration, String message) {
            this(db, app, migration, message, null);
        }

        /** Returns whether the database could not be validated because its secret is missing or malformed. */
        public boolean credentialsProblem() {
            return code == ErrorCode.INVALID_CREDENTIALS;
        }

        /** Returns the problem as one line: {@code db/app migration: message}. */
        public String describe() {
            return db + (app == null ? "" : "/" + app) + (migration == null ? "" : " " + migration) + ": " + message;
        }
    }

    /**
     * Returns this report when no problem was found.
     *
     * @throws RoutingException with {@link ErrorCode#MIGRATION_FAILED} listing every problem
     */
    public ValidationReport orThrow() {
        if (!valid()) {
            throw RoutingException.allOf(
                    ErrorCode.MIGRATION_FAILED,
                    "validation problems",
                    problems.stream()
                            .map(p -> p.app() == null
                                    ? RoutingException.forDatabase(ErrorCode.MIGRATION_FAILED, p.db(), p.describe())
                                    : RoutingException.forApp(
                                            ErrorCode.MIGRATION_FAILED, p.app(), p.db(), p.describe()))
                            .toList());
        }
        return this;
    }
}
