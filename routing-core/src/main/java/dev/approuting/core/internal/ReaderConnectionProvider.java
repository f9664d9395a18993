package dev.approuting.core.internal;

import dev.approuting.core.AppName;
import dev.approuting.core.DbName;
import dev.approuting.core.ErrorCode;
import dev.approuting.core.RoutingException;
import dev.approuting.core.ServiceName;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.jooq.ConnectionProvider;
import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;
import org.jooq.ExecuteType;
import org.jooq.exception.DataAccessException;

/**
 * The connections of a read-only context ({@code reading(app)}): the thread's open write transaction on
 * the app's database when it has one (joined, so the read sees that transaction's writes), else a replica
 * that has replayed far enough, else the writer. Also the context's listener: it refuses statements that
 * may write before they run, and turns a replica lost in the middle of a read into an error naming it.
 */
public final class ReaderConnectionProvider implements ConnectionProvider, ExecuteListener {
    private static final long serialVersionUID = 1L;

    private final ServiceName service;
    private final AppName app;
    private final DbName db;
    private final transient ReadRouting reads;
    private final transient Supplier<DatabasePool> writer;
    private final transient AppConnectionProvider writerConnections;
    private final String searchPath;
    private final transient Map<Connection, ReadRouting.ReadConnection> handedOut = new ConcurrentHashMap<>();

    public ReaderConnectionProvider(
            ServiceName service, AppName app, DbName db, ReadRouting reads, Supplier<DatabasePool> writer) {
        this.service = service;
        this.app = app;
        this.db = db;
        this.reads = reads;
        this.writer = writer;
        this.writerConnections = new AppConnectionProvider(
                service, app, db, writer, () -> writer.get().dataSource(), null, null);
        this.searchPath = AppConnectionProvider.searchPath(app);
    }

    @Override
    public Connection acquire() {
        ReadRouting.ReadConnection read;
        try {
            read = reads.readConnection(db);
        } catch (SQLException e) {
            throw AppConnectionProvider.unavailable(service, app, db, writer.get(), e);
        }
        if (read == null) {
            return writerConnections.acquire();
        }
        Connection connection = read.connection();
        try {
            AppName joined = read.joinedApp();
            if (joined == null) {
                AppConnectionProvider.useSearchPath(connection, searchPath);
            } else if (!joined.equals(app)) {
                setLocalSearchPath(connection, searchPath);
            }
        } catch (SQLException e) {
            if (read.joinedApp() == null) {
                closeQuietly(connection);
            }
            throw new DataAccessException(
                    db + ": cannot set the search path of app '" + app + "': " + e.getMessage(), e);
        }
        handedOut.put(connection, read);
        return connection;
    }

    @Override
    public void release(Connection connection) {
        ReadRouting.ReadConnection read = handedOut.remove(connection);
        if (read == null) {
            writerConnections.release(connection);
            return;
        }
        AppName joined = read.joinedApp();
        if (joined != null) {
            // The write transaction's connection: give it back its app's search path, keep it open.
            if (!joined.equals(app)) {
                try {
                    setLocalSearchPath(connection, AppConnectionProvider.searchPath(joined));
                } catch (SQLException e) {
                    throw new DataAccessException(db + ": cannot restore the search path of app '" + joined + "'", e);
                }
            }
            return;
        }
        try {
            connection.close();
        } catch (SQLException e) {
            throw new DataAccessException(db + ": cannot return a reader connection to its pool", e);
        }
    }

    @Override
    public void executeStart(ExecuteContext ctx) {
        ExecuteType type = ctx.type();
        if (type == ExecuteType.WRITE
                || type == ExecuteType.DDL
                || type == ExecuteType.BATCH
                || type == ExecuteType.ROUTINE) {
            throw RoutingException.forApp(
                    ErrorCode.READ_ONLY,
                    service,
                    app,
                    db,
                    "reading(\"" + app + "\") is read-only, but it was given a "
                            + type.name().toLowerCase(java.util.Locale.ROOT)
                            + " statement (database '" + db + "', service '" + service + "'): write through dsl(\""
                            + app
                            + "\") or transaction(\"" + app + "\", …)");
        }
    }

    @Override
    public void exception(ExecuteContext ctx) {
        SQLException sql = ctx.sqlException();
        RuntimeException current = ctx.exception();
        Connection connection = ctx.connection();
        if (sql == null || current == null || connection == null) {
            return;
        }
        ReadRouting.ReadConnection read = handedOut.get(connection);
        if (read == null || !read.replica() || !ConnectionLossTranslator.isConnectionLoss(sql.getSQLState())) {
            return;
        }
        reads.replicaLost(db, String.valueOf(sql.getMessage()));
        ctx.exception(RoutingException.forApp(
                ErrorCode.DATABASE_UNAVAILABLE,
                service,
                app,
                db,
                "the reader of database '" + db + "' (app '" + app + "', service '" + service
                        + "') lost its connection during a read: " + sql.getMessage() + " (SQLState "
                        + sql.getSQLState()
                        + "). Retry the read: reads go to the writer until the reader is back",
                current));
    }

    private static void setLocalSearchPath(Connection connection, String path) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute("SET LOCAL search_path TO " + path);
        }
    }

    private static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // Broken already.
        }
    }
}
