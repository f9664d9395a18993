package dev.approuting.deploy;

import dev.approuting.core.AppName;
import dev.approuting.core.ErrorCode;
import dev.approuting.core.RoutingException;
import dev.approuting.core.ServiceName;
import java.util.List;
import java.util.Locale;

/**
 * What {@link AccessCheck#check()} found, one row per check.
 *
 * @param service the service checked
 * @param results every check, declared databases first, then the databases it does not declare
 */
public record AccessReport(ServiceName service, List<AccessResult> results) {
    /** Copies the list. */
    public AccessReport {
        results = List.copyOf(results);
    }

    /** Returns whether every check passed. */
    public boolean ok() {
        return results.stream().allMatch(AccessResult::ok);
    }

    /** Returns the checks that failed. */
    public List<AccessResult> failures() {
        return results.stream().filter(r -> !r.ok()).toList();
    }

    /**
     * Returns this report when every check passed.
     *
     * @throws RoutingException listing every failed check, each naming the service, database and app
     */
    public AccessReport orThrow() {
        List<AccessResult> failed = failures();
        if (failed.isEmpty()) {
            return this;
        }
        List<RoutingException> problems = failed.stream().map(this::error).toList();
        return throwAll(problems);
    }

    private AccessReport throwAll(List<RoutingException> problems) {
        throw RoutingException.allOf(problems.get(0).code(), "access problems of service '" + service + "'", problems);
    }

    private RoutingException error(AccessResult result) {
        ErrorCode code = switch (result.check()) {
            case SECRET, SET_ROLE -> ErrorCode.INVALID_CREDENTIALS;
            case LOGIN -> ErrorCode.DATABASE_UNAVAILABLE;
            case SCHEMA, MIGRATIONS -> ErrorCode.MIGRATION_FAILED;
            case UNDECLARED -> ErrorCode.INVALID_ROUTING;
        };
        AppName app = result.app();
        String message = "service '" + service + "', database '" + result.db() + "'"
                + (app == null ? "" : ", app '" + app + "'") + ", "
                + result.check().name().toLowerCase(Locale.ROOT).replace('_', ' ') + ": " + result.detail();
        return app == null
                ? RoutingException.forService(code, service, result.db(), message)
                : RoutingException.forApp(code, service, app, result.db(), message);
    }
}
