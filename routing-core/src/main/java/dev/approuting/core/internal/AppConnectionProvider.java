package dev.approuting.core.internal;

import dev.approuting.core.AppName;
import dev.approuting.core.DbName;
import dev.approuting.core.ErrorCode;
import dev.approuting.core.RoutingException;
import dev.approuting.core.ServiceName;
import dev.approuting.core.spi.TransactionBinding;
import dev.approuting.core.support.Sql;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.jooq.ConnectionProvider;
import org.jooq.exception.DataAccessException;
import org.jspecify.annotations.Nullable;

/**
 * Hands jOOQ connections of the app's database with the app's schema first on the search path. The
 * search path is set once per physical connection and app, not per query. With a {@link
 * TransactionBinding}, connections are borrowed through it from the data source the service hands out
 * for the database, so they join the caller's transaction.
 */
public final class AppConnectionProvider implements ConnectionProvider {
    /** The search path each physical connection was last given, shared by all apps of all databases. */
    private static final Map<Object, String> SEARCH_PATHS = Collections.synchronizedMap(new WeakHashMap<>());

    private final ServiceName service;
    private final AppName app;
    private final DbName db;
    private final Supplier<DatabasePool> pool;
    private final Supplier<DataSource> dataSource;
    private final @Nullable TransactionBinding binding;
    private final String searchPath;
    private final @Nullable ReadRouting reads;

    /**
     * @param pool the database's pool, for messages
     * @param dataSource where connections come from: the pool, or what the service hands out for it
     * @param binding how connections join a framework's transactions, or {@code null}
     * @param reads told about the writes released connections committed, or {@code null}
     */
    public AppConnectionProvider(
            ServiceName service,
            AppName app,
            DbName db,
            Supplier<DatabasePool> pool,
            Supplier<DataSource> dataSource,
            @Nullable TransactionBinding binding,
            @Nullable ReadRouting reads) {
        this.service = service;
        this.app = app;
        this.db = db;
        this.pool = pool;
        this.dataSource = dataSource;
        this.binding = binding;
        this.searchPath = searchPath(app);
        this.reads = reads;
    }

    /** Returns {@code "app", public}. */
    static String searchPath(AppName app) {
        return Sql.ident(app.value()) + ", public";
    }

    @Override
    public Connection acquire() {
        DataSource source = dataSource.get();
        Connection connection;
        try {
            connection = binding == null ? source.getConnection() : binding.borrow(app, db, source);
        } catch (SQLException e) {
            throw unavailable(service, app, db, pool.get(), e);
        }
        try {
            useSearchPath(connection);
        } catch (SQLException e) {
            try {
                release(connection);
            } catch (DataAccessException ignored) {
                // The connection is broken already; the original failure is what matters.
            }
            throw new DataAccessException(
                    db + ": cannot set the search path of app '" + app + "': " + e.getMessage(), e);
        }
        return connection;
    }

    @Override
    public void release(Connection connection) {
        ReadRouting tracking = reads;
        if (tracking != null) {
            tracking.released(db, connection);
        }
        try {
            if (binding == null) {
                connection.close();
            } else {
                binding.giveBack(connection, dataSource.get());
            }
        } catch (SQLException e) {
            throw new DataAccessException(db + ": cannot return a connection to its pool", e);
        }
    }

    private void useSearchPath(Connection connection) throws SQLException {
        useSearchPath(connection, searchPath);
    }

    /** Puts {@code searchPath} on a pooled connection unless it has it already (remembered per physical connection). */
    static void useSearchPath(Connection connection, String searchPath) throws SQLException {
        Object physical = connection.unwrap(org.postgresql.PGConnection.class);
        if (searchPath.equals(SEARCH_PATHS.get(physical))) {
            return;
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET search_path TO " + searchPath);
        }
        if (connection.getAutoCommit()) {
            // Inside a transaction the SET is undone by a rollback, so only remember committed ones.
            SEARCH_PATHS.put(physical, searchPath);
        }
    }

    /** Builds the error for a pool that gave no connection. */
    public static RoutingException unavailable(
            ServiceName service, AppName app, DbName db, DatabasePool pool, SQLException e) {
        // HikariCP's timeout carries the last failed login as its cause: the reason users need to see.
        Throwable last = e.getCause();
        String happened = "gave no connection: " + e.getMessage()
                + (last instanceof SQLException && last != e ? " (last login attempt: " + last.getMessage() + ")" : "");
        String next = pool.credentials().password().isEmpty()
                ? "The secret of database '" + db + "' has an empty password for login '"
                        + pool.credentials().user()
                        + "': if the server asks for one, put the login's password in the secret (init-db writes it)"
                : "Check that the server is up and the secret is current; other databases are not affected";
        return unavailable(service, app, db, pool, happened, next, e);
    }

    /**
     * Builds the error for database {@code db} failing app {@code app}: where (service, app, database,
     * server), what {@code happened}, the pool's state, and what to do {@code next}.
     */
    static RoutingException unavailable(
            ServiceName service,
            AppName app,
            DbName db,
            DatabasePool pool,
            String happened,
            String next,
            Throwable cause) {
        String where = "database '" + db + "' (app '" + app + "', service '" + service + "', server "
                + pool.credentials().server() + ")";
        return RoutingException.forApp(
                ErrorCode.DATABASE_UNAVAILABLE,
                service,
                app,
                db,
                where + " " + happened + " [" + pool.state() + "]. " + next,
                cause);
    }
}
