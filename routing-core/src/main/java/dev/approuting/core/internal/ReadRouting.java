package dev.approuting.core.internal;

import dev.approuting.core.AppName;
import dev.approuting.core.ConsistencyToken;
import dev.approuting.core.CredentialsSource;
import dev.approuting.core.DbName;
import dev.approuting.core.ErrorCode;
import dev.approuting.core.PoolSettings;
import dev.approuting.core.ReaderHealth;
import dev.approuting.core.ReaderSettings;
import dev.approuting.core.RoutingException;
import dev.approuting.core.ServiceName;
import dev.approuting.core.TokenScope;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import javax.sql.DataSource;
import org.jooq.ConnectionProvider;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads and the writes they must see, for one {@code RoutedDatabases}: the reader route of each database,
 * and per thread its consistency token, its open write transactions and the writes not yet in its token.
 *
 * <p>A write is seen when a statement other than a read ran through a writer context; when its connection
 * goes back to the pool in autocommit (after the commit, or after an autocommit statement), the writer's
 * {@code pg_current_wal_insert_lsn()} is read on that same connection, so the token is at or after the
 * commit record. Only databases with a reader pay that query.
 */
public final class ReadRouting {
    private static final Logger log = LoggerFactory.getLogger(ReadRouting.class);
    private static final String INSERT_LSN = "SELECT pg_current_wal_insert_lsn()::text,"
            + " current_setting('wal_block_size'), current_setting('wal_segment_size')";

    private final ServiceName service;
    private final CredentialsSource credentials;
    private final ReaderSettings settings;
    private final Function<DbName, PoolSettings> poolSettings;
    private final Function<DbName, DatabasePool> writers;
    private final Map<DbName, DataSource> connectionSources;
    private final ConcurrentHashMap<DbName, ReadRoute> routes = new ConcurrentHashMap<>();
    private final ThreadLocal<ThreadState> threads = ThreadLocal.withInitial(ThreadState::new);

    /** What one thread has open and owes its token. */
    private static final class ThreadState {
        ConsistencyToken token = ConsistencyToken.none();
        final Map<DbName, OpenWrite> open = new HashMap<>(4);
        final Set<DbName> pending = new HashSet<>(4);
    }

    /** The outermost write transaction of a thread on one database. */
    private static final class OpenWrite {
        final AppName app;
        final ConnectionProvider connection;
        int depth = 1;

        OpenWrite(AppName app, ConnectionProvider connection) {
            this.app = app;
            this.connection = connection;
        }
    }

    /** Routes reads; the reader pool of a database in {@code connectionSources} takes its connections from there. */
    public ReadRouting(
            ServiceName service,
            CredentialsSource credentials,
            ReaderSettings settings,
            Function<DbName, PoolSettings> poolSettings,
            Function<DbName, DatabasePool> writers,
            Map<DbName, DataSource> connectionSources) {
        this.service = service;
        this.credentials = credentials;
        this.settings = settings;
        this.poolSettings = poolSettings;
        this.writers = writers;
        this.connectionSources = Map.copyOf(connectionSources);
    }

    private ReadRoute route(DbName db) {
        ReadRoute route = routes.get(db);
        return route != null
                ? route
                : routes.computeIfAbsent(
                        db,
                        d -> new ReadRoute(
                                service, d, credentials, settings, poolSettings.apply(d), connectionSources.get(d)));
    }

    // ---- tokens

    /** Returns the current thread's token. */
    public ConsistencyToken token() {
        return threads.get().token;
    }

    /** Makes {@code token} the thread's token until the returned scope closes. */
    public TokenScope withToken(ConsistencyToken token) {
        ThreadState state = threads.get();
        ConsistencyToken before = state.token;
        state.token = token;
        return new TokenScope() {
            @Override
            public ConsistencyToken token() {
                return state.token;
            }

            @Override
            public void close() {
                state.token = before;
            }
        };
    }

    // ---- writes

    /** A statement that may write ran on {@code db} in this thread. */
    void wrote(DbName db) {
        threads.get().pending.add(db);
    }

    /** A write transaction began on {@code db} (possibly nested) through a context of {@code app}. */
    void transactionBegan(DbName db, AppName app, ConnectionProvider connection) {
        ThreadState state = threads.get();
        OpenWrite open = state.open.get(db);
        if (open == null) {
            state.open.put(db, new OpenWrite(app, connection));
        } else {
            open.depth++;
        }
    }

    /** The outermost write transaction on {@code db} is about to roll back: its writes never happened. */
    void rollingBack(DbName db) {
        ThreadState state = threads.get();
        OpenWrite open = state.open.get(db);
        if (open != null && open.depth == 1) {
            state.pending.remove(db);
        }
    }

    /** A write transaction on {@code db} ended. */
    void transactionEnded(DbName db) {
        ThreadState state = threads.get();
        OpenWrite open = state.open.get(db);
        if (open != null && --open.depth == 0) {
            state.open.remove(db);
        }
    }

    /** A writer connection of {@code db} goes back to its pool: record what it committed. */
    void released(DbName db, Connection connection) {
        ThreadState state = threads.get();
        if (state.pending.isEmpty() || !state.pending.contains(db)) {
            return;
        }
        try {
            if (!connection.getAutoCommit()) {
                return;
            }
            state.pending.remove(db);
            ReadRoute route = route(db);
            if (route.hasReader()) {
                long lsn = insertLsn(route, connection);
                route.committed(lsn);
                state.token = state.token.advance(db, lsn);
            }
        } catch (SQLException e) {
            log.warn(
                    "{}: cannot read the WAL position after a write ({}); reads of this thread may go to the writer",
                    db,
                    e.getMessage());
        }
    }

    /**
     * Puts the writer's current position of {@code db} in the thread's token, for writes made around the
     * routing (JDBC on {@code dataSource(db)}).
     */
    public void afterWrite(DbName db) {
        ReadRoute route = route(db);
        threads.get().pending.remove(db);
        try (Connection c = writers.apply(db).dataSource().getConnection()) {
            long lsn = insertLsn(route, c);
            route.committed(lsn);
            ThreadState state = threads.get();
            state.token = state.token.advance(db, lsn);
        } catch (SQLException e) {
            throw RoutingException.forDatabase(
                    ErrorCode.DATABASE_UNAVAILABLE,
                    db,
                    "database '" + db + "' (service '" + service + "') gave no connection to read its WAL position: "
                            + e.getMessage() + ". Reads of this thread go to the writer until it answers",
                    e);
        }
    }

    private static long insertLsn(ReadRoute route, Connection c) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(INSERT_LSN)) {
            rs.next();
            long lsn = Lsn.parse(rs.getString(1));
            if (route.blockSize() == 0) {
                route.geometry(Long.parseLong(rs.getString(2)), size(rs.getString(3)));
            }
            return Lsn.reachable(lsn, route.blockSize(), route.segmentSize());
        }
    }

    /** Reads {@code 16MB} and the like, as {@code current_setting} prints sizes. */
    private static long size(String text) {
        String t = text.trim().toUpperCase(Locale.ROOT);
        long unit = t.endsWith("GB") ? 1L << 30 : t.endsWith("MB") ? 1L << 20 : t.endsWith("KB") ? 1L << 10 : 1;
        return Long.parseLong(t.replaceAll("[A-Z]", "")) * unit;
    }

    /**
     * Returns whether {@code wanted} is ahead of everything the writer of {@code db} has written: a token
     * from another server (the database moved) or made up. Such a position is dropped from the thread's
     * token. Asks the writer only when the position is ahead of what this process saw.
     */
    boolean unreachable(DbName db, long wanted, ReadRoute route) {
        if (Lsn.atLeast(route.highestWritten(), wanted)) {
            return false;
        }
        if (!route.writerCheckedRecently()) {
            try (Connection c = writers.apply(db).dataSource().getConnection()) {
                route.writerChecked(insertLsn(route, c));
            } catch (SQLException | RoutingException e) {
                return false;
            }
        }
        if (Lsn.atLeast(route.highestWritten(), wanted)) {
            return false;
        }
        ThreadState state = threads.get();
        state.token = state.token.without(db);
        log.info(
                "{}: a consistency token asked for WAL position {}, which the writer has not reached ({}): dropped",
                db,
                Lsn.format(wanted),
                Lsn.format(route.highestWritten()));
        return true;
    }

    // ---- reads

    /** How a read gets its connection. */
    record ReadConnection(Connection connection, @Nullable AppName joinedApp, boolean replica) {}

    /**
     * Returns the connection for a read of {@code app} on {@code db}: the open write transaction of this
     * thread on {@code db} when there is one, else a replica fresh enough for the thread's token, else
     * {@code null} for the writer.
     */
    @Nullable
    ReadConnection readConnection(DbName db) throws SQLException {
        ThreadState state = threads.get();
        OpenWrite open = state.open.get(db);
        if (open != null) {
            return new ReadConnection(open.connection.acquire(), open.app, false);
        }
        ReadRoute route = route(db);
        if (state.pending.contains(db) && route.hasReader()) {
            // A write of this thread is not in its token yet (it is still running): stay on the writer.
            return null;
        }
        Connection replica = route.replicaFor(state.token.position(db), this);
        return replica == null ? null : new ReadConnection(replica, null, true);
    }

    /** A read on a replica connection of {@code db} lost its server. */
    void replicaLost(DbName db, String why) {
        route(db).lost(why);
    }

    /** Returns the state of the reader of {@code db}, checked with a connection of its own. */
    public Optional<ReaderHealth> health(DbName db, Duration timeout) {
        return route(db).health(timeout);
    }

    /** Closes the reader pools. */
    public void close() {
        routes.values().forEach(ReadRoute::close);
        routes.clear();
    }
}
