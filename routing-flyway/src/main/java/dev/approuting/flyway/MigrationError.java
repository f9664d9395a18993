package dev.approuting.flyway;

import dev.approuting.core.ErrorCode;
import org.jspecify.annotations.Nullable;

/**
 * Why a migration failed: the database's message and, where known, the script, its line and the
 * SQLState.
 *
 * @param message what went wrong, one or a few lines, never a password
 * @param script the migration file that failed, or {@code null} when the failure was not in a script
 *     (connection, credentials, validation)
 * @param line the line in {@code script} where the failing statement starts, or {@code null}
 * @param sqlState the database's SQLState, or {@code null}
 * @param code what kind of failure it was when approuting raised it, such as
 *     {@link ErrorCode#INVALID_CREDENTIALS} for a database whose secret is missing or malformed; {@code null}
 *     for failures of Flyway, the driver or the server
 */
public record MigrationError(
        String message,
        @Nullable String script,
        @Nullable Integer line,
        @Nullable String sqlState,
        @Nullable ErrorCode code) {
    /** An error without a code: a failure of Flyway, the driver or the server. */
    public MigrationError(String message, @Nullable String script, @Nullable Integer line, @Nullable String sqlState) {
        this(message, script, line, sqlState, null);
    }

    /** Returns whether the database could not be worked on because its secret is missing or malformed. */
    public boolean credentialsProblem() {
        return code == ErrorCode.INVALID_CREDENTIALS;
    }

    /** Returns the error as one line: {@code V2__x.sql line 3 (SQLState 42P01): message}. */
    public String describe() {
        StringBuilder b = new StringBuilder();
        if (script != null) {
            b.append(script);
            if (line != null) {
                b.append(" line ").append(line);
            }
        }
        if (sqlState != null) {
            b.append(b.length() == 0 ? "" : " ")
                    .append("(SQLState ")
                    .append(sqlState)
                    .append(')');
        }
        return b.length() == 0 ? message : b.append(": ").append(message).toString();
    }
}
