package dev.approuting.core;

import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The one exception root of approuting: unchecked, with an {@link ErrorCode} and, where known, the
 * service, app and logical database involved. Built through factories named by what the error carries:
 *
 * <pre>{@code
 * throw RoutingException.forDatabase(ErrorCode.INVALID_CREDENTIALS, db, "secret of '" + db + "' is empty: ...");
 * }</pre>
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
     * Creates an exception; subclasses only, everyone else uses the factories ({@link #of},
     * {@link #forDatabase}, {@link #forService}, {@link #forApp}), named by what the error carries.
     *
     * @param code what went wrong
     * @param message what was wrong, with the names involved, and what to do next
     * @param service the service involved, if any
     * @param app the app involved, if any
     * @param db the logical database involved, if any
     * @param cause the underlying failure, if any
     */
    protected RoutingException(
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
     * Returns an error that names no route, such as a bad setting.
     *
     * <pre>{@code
     * throw RoutingException.of(ErrorCode.INVALID_CONFIGURATION, "parallelism is 0: give 1 or more");
     * }</pre>
     */
    public static RoutingException of(ErrorCode code, String message) {
        return new RoutingException(code, message, null, null, null, null);
    }

    /** Like {@link #of(ErrorCode, String)}, keeping {@code cause} (and its SQLState) as the cause. */
    public static RoutingException of(ErrorCode code, String message, Throwable cause) {
        return new RoutingException(code, message, null, null, null, cause);
    }

    /** Returns an error about one logical database, such as its secret or its server. */
    public static RoutingException forDatabase(ErrorCode code, DbName db, String message) {
        return new RoutingException(code, message, null, null, db, null);
    }

    /** Like {@link #forDatabase(ErrorCode, DbName, String)}, keeping {@code cause} as the cause. */
    public static RoutingException forDatabase(ErrorCode code, DbName db, String message, Throwable cause) {
        return new RoutingException(code, message, null, null, db, cause);
    }

    /** Returns an error about one service, such as its declared databases. */
    public static RoutingException forService(ErrorCode code, ServiceName service, String message) {
        return new RoutingException(code, message, service, null, null, null);
    }

    /** Returns an error about one logical database as one service uses it. */
    public static RoutingException forService(ErrorCode code, ServiceName service, DbName db, String message) {
        return new RoutingException(code, message, service, null, db, null);
    }

    /** Returns an error about one app outside any service, such as its migrations. */
    public static RoutingException forApp(ErrorCode code, AppName app, String message) {
        return new RoutingException(code, message, null, app, null, null);
    }

    /** Like {@link #forApp(ErrorCode, AppName, String)}, keeping {@code cause} as the cause. */
    public static RoutingException forApp(ErrorCode code, AppName app, String message, Throwable cause) {
        return new RoutingException(code, message, null, app, null, cause);
    }

    /** Returns an error about one app in one logical database, such as a failed migration. */
    public static RoutingException forApp(ErrorCode code, AppName app, DbName db, String message) {
        return new RoutingException(code, message, null, app, db, null);
    }

    /** Returns an error about one app of one service, such as an app the service does not route. */
    public static RoutingException forApp(ErrorCode code, ServiceName service, AppName app, String message) {
        return new RoutingException(code, message, service, app, null, null);
    }

    /** Returns an error about the whole route: a service's app in a logical database. */
    public static RoutingException forApp(ErrorCode code, ServiceName service, AppName app, DbName db, String message) {
        return new RoutingException(code, message, service, app, db, null);
    }

    /** Like {@link #forApp(ErrorCode, ServiceName, AppName, DbName, String)}, keeping {@code cause} as the cause. */
    public static RoutingException forApp(
            ErrorCode code, ServiceName service, AppName app, DbName db, String message, Throwable cause) {
        return new RoutingException(code, message, service, app, db, cause);
    }

    /**
     * Returns one error for every problem a check found, so a caller fixes them all in one go: the only
     * problem itself, or an error whose message counts and lists them ({@code "3 routing problems:"} and a
     * line each), with each problem suppressed in it and the route of the first.
     *
     * @param code the code of the combined error
     * @param what what the problems are, in the plural, such as {@code "routing problems"}
     * @param problems at least one problem
     */
    public static RoutingException allOf(ErrorCode code, String what, List<? extends RoutingException> problems) {
        if (problems.size() == 1) {
            return problems.get(0);
        }
        StringBuilder message = new StringBuilder(problems.size() + " " + what + ":");
        problems.forEach(p -> message.append("\n  - ").append(p.getMessage()));
        RoutingException first = problems.get(0);
        RoutingException all = new RoutingException(code, message.toString(), first.service, first.app, first.db, null);
        problems.forEach(all::addSuppressed);
        return all;
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
