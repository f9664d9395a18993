package dev.approuting.core.internal;

import dev.approuting.core.AppName;
import dev.approuting.core.DbName;
import dev.approuting.core.RoutingException;
import dev.approuting.core.ServiceName;
import java.sql.SQLException;
import java.util.function.Supplier;
import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;

/**
 * Turns a query that failed because its database went away (SQLState class 08, or 57P01–57P03:
 * the server shut down or is starting) into a {@link RoutingException} that names the database.
 */
public final class ConnectionLossTranslator implements ExecuteListener {
    private static final long serialVersionUID = 1L;

    private final ServiceName service;
    private final AppName app;
    private final DbName db;
    private final transient Supplier<DatabasePool> pool;

    public ConnectionLossTranslator(ServiceName service, AppName app, DbName db, Supplier<DatabasePool> pool) {
        this.service = service;
        this.app = app;
        this.db = db;
        this.pool = pool;
    }

    @Override
    public void exception(ExecuteContext context) {
        SQLException sql = context.sqlException();
        RuntimeException current = context.exception();
        if (sql == null || current == null || !isConnectionLoss(sql.getSQLState())) {
            return;
        }
        DatabasePool p = pool.get();
        context.exception(AppConnectionProvider.unavailable(
                service,
                app,
                db,
                p,
                "lost its connection: " + sql.getMessage() + " (SQLState " + sql.getSQLState() + ")",
                "The pool reconnects by itself when the server is back; retry the work",
                current));
    }

    /** Returns whether {@code sqlState} says the connection or the server went away. */
    public static boolean isConnectionLoss(String sqlState) {
        return sqlState != null
                && (sqlState.startsWith("08")
                        || sqlState.equals("57P01")
                        || sqlState.equals("57P02")
                        || sqlState.equals("57P03"));
    }
}
