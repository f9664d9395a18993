package dev.approuting.core.internal;

import dev.approuting.core.AppName;
import dev.approuting.core.DbName;
import dev.approuting.core.ErrorCode;
import dev.approuting.core.RoutingException;
import dev.approuting.core.ServiceRouting;
import dev.approuting.core.support.Text;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jooq.QueryPart;
import org.jooq.Schema;
import org.jooq.Table;
import org.jooq.VisitContext;
import org.jooq.VisitListener;
import org.jspecify.annotations.Nullable;

/**
 * A jOOQ listener that stops, before it runs, a query of one app touching tables of an app that the
 * service routes to another database (or does not route at all). Tables live in a schema named after
 * their app; schemas that are not app names (such as {@code pg_catalog}) are let through.
 */
public final class CrossAppGuard implements VisitListener {
    private final ServiceRouting routing;
    private final AppName app;
    private final DbName db;
    private final ConcurrentHashMap<String, Optional<String>> verdicts = new ConcurrentHashMap<>();

    public CrossAppGuard(ServiceRouting routing, AppName app) {
        this.routing = routing;
        this.app = app;
        this.db = routing.dbFor(app);
    }

    @Override
    public void visitStart(VisitContext context) {
        QueryPart part = context.queryPart();
        if (part instanceof Table<?> table) {
            Schema schema = table.getSchema();
            if (schema != null && !schema.getName().isEmpty()) {
                check(schema.getName(), table.getName());
            }
        }
    }

    /**
     * Throws the guard's {@link ErrorCode#CROSS_DATABASE_ACCESS} error when {@code schema} belongs to an app this
     * service routes to another database, or does not route.
     */
    void check(String schema, String table) {
        Optional<RoutingException> problem = problem(schema, table, "", null);
        if (problem.isPresent()) {
            throw problem.get();
        }
    }

    /**
     * Returns the guard's {@link ErrorCode#CROSS_DATABASE_ACCESS} error for a use of {@code schema.table} when
     * {@code schema} belongs to an app this service routes to another database (or does not route), its message
     * followed by {@code more}, its cause {@code cause}; empty when the use is fine.
     */
    Optional<RoutingException> problem(String schema, String table, String more, @Nullable Throwable cause) {
        if (schema.equals(app.value())) {
            return Optional.empty();
        }
        Optional<String> problem = verdicts.computeIfAbsent(schema, this::verdict);
        return problem.map(text -> {
            AppName other = AppName.of(schema);
            String message = text.replace("{table}", schema + "." + table) + more;
            return cause == null
                    ? RoutingException.forApp(ErrorCode.CROSS_DATABASE_ACCESS, routing.service(), other, db, message)
                    : RoutingException.forApp(
                            ErrorCode.CROSS_DATABASE_ACCESS, routing.service(), other, db, message, cause);
        });
    }

    /** Returns the database of the guarded app. */
    DbName db() {
        return db;
    }

    private Optional<String> verdict(String schema) {
        AppName other;
        try {
            other = AppName.of(schema);
        } catch (RoutingException notAnAppName) {
            return Optional.empty();
        }
        Optional<DbName> otherDb = routing.findDb(other);
        if (otherDb.isPresent()) {
            if (otherDb.get().equals(db)) {
                return Optional.empty();
            }
            return Optional.of("app '" + app + "' (database '" + db + "') queried table {table} of app '" + other
                    + "', which service '" + routing.service() + "' routes to database '" + otherDb.get()
                    + "': use dsl(\"" + other + "\") for it, or go through app '" + other + "''s own code");
        }
        if (routing.isKnownApp(other)) {
            return Optional.of("app '" + app + "' (database '" + db + "') queried table {table} of app '" + other
                    + "', which is not routed in service '" + routing.service() + "' (databases "
                    + Text.list(routing.databases()) + "): declare the database that routes '" + other
                    + "' for this service, or stop using its tables");
        }
        return Optional.empty();
    }
}
