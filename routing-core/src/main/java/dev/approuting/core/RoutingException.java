package dev.approuting.core;

import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The one exception root of approuting: unchecked, with an {@link ErrorCode} and, where known, the
 * service, app and logical database involved.
 *
 * <p>Messages say what was wrong and what to do next; they never contain a password. A wrapped
 * {@link java.sql.SQLException} stays reachable as the cause, see {@link #sqlState()}.
 */
public class RoutingException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ErrorCode code;
    private final @Nullable ServiceName service;
    private final @Nullable AppName app;
    private final @Nullable DbName db;

    /**
     * Creates an exception.
     *
     * @param code what went wrong
     * @param message what was wrong, with the names involved, and what to do next
     * @param service the service involved, if any
     * @param app the app involved, if any
     * @param db the logical database involved, if any
     * @param cause the underlying failure, if any
     */
    public RoutingException(
            ErrorCode code,
            String message,
            @Nullable ServiceName service,
            @Nullable AppName app,
            @Nullable DbName db,
            @Nullable Throwable cause) {
        super(message, cause);
        this.code = code;
        this.service = service;
        this.app = app;
        this.db = db;
    }

    /**
     * Creates an exception that names no route.
     *
     * @param code what went wrong
     * @param message what was wrong and what to do next
     */
    public RoutingException(ErrorCode code, String message) {
        this(code, message, null, null, null, null);
    }

    /** Returns what went wrong. */
    public ErrorCode code() {
        return code;
    }

    /** Returns the service involved, if the failure concerns one. */
    public Optional<ServiceName> service() {
        return Optional.ofNullable(service);
    }

    /** Returns the app involved, if the failure concerns one. */
    public Optional<AppName> app() {
        return Optional.ofNullable(app);
    }

    /** Returns the logical database involved, if the failure concerns one. */
    public Optional<DbName> db() {
        return Optional.ofNullable(db);
    }

    /** Returns the SQLState of the first {@link java.sql.SQLException} in the cause chain, if any. */
    public Optional<String> sqlState() {
        for (Throwable t = getCause(); t != null; t = t.getCause()) {
            if (t instanceof java.sql.SQLException sql && sql.getSQLState() != null) {
                return Optional.of(sql.getSQLState());
            }
        }
        return Optional.empty();
    }
}
