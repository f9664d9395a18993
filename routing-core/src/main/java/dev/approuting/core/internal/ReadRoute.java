package dev.approuting.core.internal;

import dev.approuting.core.CredentialsSource;
import dev.approuting.core.DbCredentials;
import dev.approuting.core.DbName;
import dev.approuting.core.PoolSettings;
import dev.approuting.core.PoolState;
import dev.approuting.core.ReaderHealth;
import dev.approuting.core.ReaderSettings;
import dev.approuting.core.RoutingException;
import dev.approuting.core.ServiceName;
import dev.approuting.core.support.ConnectOptions;
import dev.approuting.core.support.Connections;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.LongAdder;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reader (replica) of one logical database: its lazy pool {@code db-{db}-reader}, how far each of its
 * servers has replayed, and whether a read may go there.
 *
 * <p>The replay position is cached per server (a reader endpoint that balances over several replicas
 * has one entry per replica: each pooled connection learns its server, {@code inet_server_addr()}, with
 * its first check) for {@link ReaderSettings#replayCheckEvery()}, so the check costs a map lookup on most
 * reads. A cached position is never ahead of the server's real one: a read it lets through sees at least
 * what the position promises.
 */
final class ReadRoute {
    private static final Logger log = LoggerFactory.getLogger(ReadRoute.class);
    /*
     * The lag: 0 when the standby has replayed all it received (after a restart the receive position
     * restarts at the segment it streams from, behind the replay position); else the age of the last
     * transaction it replayed, the most it can be behind; unknown (infinite) when it replayed none since it
     * started.
     */
    private static final String PROBE = "SELECT pg_is_in_recovery(), pg_last_wal_replay_lsn()::text,"
            + " CASE WHEN NOT pg_is_in_recovery() THEN 0"
            + " WHEN pg_last_wal_receive_lsn() <= pg_last_wal_replay_lsn() THEN 0"
            + " ELSE COALESCE(EXTRACT(EPOCH FROM clock_timestamp() - pg_last_xact_replay_timestamp())::float8,"
            + " 'Infinity'::float8) END,"
            + " COALESCE(host(inet_server_addr()), 'local') || ':' || COALESCE(inet_server_port(), 0)";
    private static final int MAX_OWN_COMMITS = 4096;

    /** What one check of a server found. */
    record Replay(boolean standby, long lsn, double lagSeconds, String server, long at) {}

    private final ServiceName service;
    private final DbName db;
    private final CredentialsSource credentials;
    private final ReaderSettings settings;
    private final PoolSettings poolSettings;
    private final long cacheNanos;
    private volatile @Nullable Boolean hasReader;
    private volatile @Nullable DatabasePool pool;
    private volatile ReaderHealth.State state = ReaderHealth.State.UNKNOWN;
    private volatile @Nullable String error;
    private volatile long retryAt;
    private volatile @Nullable Replay last;
    private final LongAdder replicaReads = new LongAdder();
    private final LongAdder fallbacks = new LongAdder();
    private final Map<Object, String> serverOf = Collections.synchronizedMap(new WeakHashMap<>());
    private final ConcurrentHashMap<String, Replay> replays = new ConcurrentHashMap<>();
    /** This process's commits the replica may not have replayed yet: {lsn, nanoTime}. */
    private final ConcurrentLinkedDeque<long[]> ownCommits = new ConcurrentLinkedDeque<>();

    private volatile long highestWritten;
    private volatile long writerCheckedAt;
    private volatile long blockSize;
    private volatile long segmentSize;

    ReadRoute(
            ServiceName service,
            DbName db,
            CredentialsSource credentials,
            ReaderSettings settings,
            PoolSettings dbSettings) {
        this.service = service;
        this.db = db;
        this.credentials = credentials;
        this.settings = settings;
        this.poolSettings = dbSettings.connectionTimeout().compareTo(settings.connectionTimeout()) > 0
                ? dbSettings.withConnectionTimeout(settings.connectionTimeout())
                : dbSettings;
        this.cacheNanos = settings.replayCheckEvery().toNanos();
    }

    /** Returns whether the database has a reader secret (read once). */
    boolean hasReader() {
        Boolean known = hasReader;
        if (known == null) {
            try {
                known = credentials.findReader(db).isPresent();
            } catch (RoutingException e) {
                log.warn("{}: reader secret unusable, reads go to the writer: {}", db, e.getMessage());
                known = false;
            }
            hasReader = known;
            if (known) {
                log.info("{}: reader found ({}); reading(app) uses it", db, credentials.describeReader(db));
            }
        }
        return known;
    }

    /**
     * Returns a replica connection for a read that must see {@code need} (or, when empty, may be as stale
     * as {@link ReaderSettings#maxLag()}), or {@code null} when the read goes to the writer.
     */
    @Nullable
    Connection replicaFor(OptionalLong need, ReadRouting routing) {
        if (!hasReader()) {
            return null;
        }
        if (need.isEmpty() && settings.maxLag().isZero()) {
            return null;
        }
        if (state == ReaderHealth.State.DOWN && System.nanoTime() - retryAt < 0) {
            fallbacks.increment();
            return null;
        }
        Connection c;
        try {
            c = pool().dataSource().getConnection();
        } catch (SQLException | RoutingException e) {
            markDown(e.getMessage());
            fallbacks.increment();
            return null;
        }
        try {
            Replay replay = replay(c, false);
            if (!replay.standby()) {
                transition(ReaderHealth.State.NOT_A_STANDBY, "pg_is_in_recovery() is false on " + replay.server());
                return giveBack(c);
            }
            if (need.isPresent()) {
                long wanted = need.getAsLong();
                if (Lsn.atLeast(replay.lsn(), wanted)) {
                    return serve(c);
                }
                if (routing.unreachable(db, wanted, this)) {
                    // A position the writer never reached: from another server, or made up. Read as without one.
                    return lagWithin(c, replay);
                }
                long deadline = System.nanoTime() + settings.maxWait().toNanos();
                while (System.nanoTime() - deadline < 0) {
                    sleepBriefly();
                    replay = replay(c, true);
                    if (Lsn.atLeast(replay.lsn(), wanted)) {
                        return serve(c);
                    }
                }
                return giveBack(c);
            }
            return lagWithin(c, replay);
        } catch (SQLException e) {
            evict(c);
            markDown(e.getMessage() + " (SQLState " + e.getSQLState() + ")");
            fallbacks.increment();
            return null;
        }
    }

    private @Nullable Connection lagWithin(Connection c, Replay replay) {
        double lag = Math.max(replay.lagSeconds(), ownLagSeconds());
        if (lag * 1000 <= settings.maxLag().toMillis()) {
            return serve(c);
        }
        transition(
                ReaderHealth.State.LAGGING,
                "it lags " + Math.round(lag * 1000) + " ms behind the writer, more than maxLag "
                        + settings.maxLag().toMillis() + " ms");
        return giveBack(c);
    }

    private Connection serve(Connection c) {
        replicaReads.increment();
        if (state != ReaderHealth.State.SERVING) {
            transition(ReaderHealth.State.SERVING, null);
        }
        return c;
    }

    private @Nullable Connection giveBack(Connection c) {
        fallbacks.increment();
        try {
            c.close();
        } catch (SQLException ignored) {
            // The pool replaces a broken connection by itself.
        }
        return null;
    }

    /** Tells the route that a read on one of its connections lost the server. */
    void lost(String why) {
        markDown(why);
    }

    private void markDown(@Nullable String why) {
        retryAt = System.nanoTime() + settings.retryDownAfter().toNanos();
        replays.clear();
        DatabasePool p = pool;
        if (p != null && p.dataSource().getHikariPoolMXBean() != null) {
            p.dataSource().getHikariPoolMXBean().softEvictConnections();
        }
        transition(
                ReaderHealth.State.DOWN,
                "it gave no connection: " + why + "; reads go to the writer, the reader is tried again in "
                        + settings.retryDownAfter().toMillis() + " ms");
    }

    private synchronized void transition(ReaderHealth.State next, @Nullable String why) {
        ReaderHealth.State before = state;
        error = why;
        if (before == next) {
            return;
        }
        state = next;
        if (next == ReaderHealth.State.SERVING) {
            log.info("{}: reader {} serves reads of service '{}' again (was {})", db, server(), service, before);
        } else {
            log.warn(
                    "{}: reader {} of service '{}' is {}: {} [{}, {} fallbacks so far]",
                    db,
                    server(),
                    service,
                    next,
                    why,
                    poolState(),
                    fallbacks.sum());
        }
    }

    /** Returns the replay position of the server {@code c} is connected to, asking it when the cache is old. */
    private Replay replay(Connection c, boolean fresh) throws SQLException {
        Object physical = c.unwrap(org.postgresql.PGConnection.class);
        String server = serverOf.get(physical);
        if (server != null && !fresh) {
            Replay cached = replays.get(server);
            if (cached != null && System.nanoTime() - cached.at() < cacheNanos) {
                return cached;
            }
        }
        Replay replay = probe(c);
        serverOf.put(physical, replay.server());
        replays.put(replay.server(), replay);
        last = replay;
        return replay;
    }

    private static Replay probe(Connection c) throws SQLException {
        long at = System.nanoTime();
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(PROBE)) {
            rs.next();
            boolean standby = rs.getBoolean(1);
            String lsn = rs.getString(2);
            return new Replay(
                    standby && lsn != null, lsn == null ? 0 : Lsn.parse(lsn), rs.getDouble(3), rs.getString(4), at);
        }
    }

    /** Returns how long this process's oldest commit the replica has not replayed is waiting, in seconds. */
    private double ownLagSeconds() {
        Replay replay = last;
        long replayed = replay == null ? 0 : replay.lsn();
        long now = System.nanoTime();
        long[] head;
        while ((head = ownCommits.peekFirst()) != null) {
            if (Lsn.atLeast(replayed, head[0])) {
                ownCommits.pollFirst();
            } else {
                return (now - head[1]) / 1e9;
            }
        }
        return 0;
    }

    /** Remembers a commit of this process at {@code lsn}. */
    void committed(long lsn) {
        if (!Lsn.atLeast(highestWritten, lsn)) {
            highestWritten = lsn;
        }
        if (ownCommits.size() < MAX_OWN_COMMITS) {
            ownCommits.addLast(new long[] {lsn, System.nanoTime()});
        }
    }

    /** Returns the highest writer position this route saw, and when the writer was last asked directly. */
    long highestWritten() {
        return highestWritten;
    }

    boolean writerCheckedRecently() {
        return System.nanoTime() - writerCheckedAt
                < Math.max(cacheNanos, Duration.ofMillis(100).toNanos());
    }

    void writerChecked(long lsn) {
        writerCheckedAt = System.nanoTime();
        committedQuietly(lsn);
    }

    private void committedQuietly(long lsn) {
        if (!Lsn.atLeast(highestWritten, lsn)) {
            highestWritten = lsn;
        }
    }

    /** Returns the writer's WAL geometry ({@code wal_block_size}, {@code wal_segment_size}), or zeros when not read yet. */
    long blockSize() {
        return blockSize;
    }

    long segmentSize() {
        return segmentSize;
    }

    void geometry(long block, long segment) {
        this.blockSize = block;
        this.segmentSize = segment;
    }

    private DatabasePool pool() {
        DatabasePool p = pool;
        if (p == null) {
            synchronized (this) {
                p = pool;
                if (p == null) {
                    p = new DatabasePool(
                            service,
                            db,
                            PoolState.readerNotOpened(db).name(),
                            () -> credentials
                                    .findReader(db)
                                    .orElseThrow(() -> RoutingException.forDatabase(
                                            dev.approuting.core.ErrorCode.INVALID_CREDENTIALS,
                                            db,
                                            "the reader secret of database '" + db + "' is gone: looked in "
                                                    + credentials.describeReader(db))),
                            poolSettings,
                            null,
                            null);
                    pool = p;
                }
            }
        }
        return p;
    }

    private String server() {
        try {
            return credentials.findReader(db).map(DbCredentials::server).orElse("(none)");
        } catch (RoutingException e) {
            return "(unreadable secret)";
        }
    }

    PoolState poolState() {
        DatabasePool p = pool;
        return p == null ? PoolState.readerNotOpened(db) : p.state();
    }

    /** Checks the reader with a connection of its own (not from the pool), within {@code timeout}. */
    Optional<ReaderHealth> health(Duration timeout) {
        if (!hasReader()) {
            return Optional.empty();
        }
        DbCredentials creds;
        try {
            Optional<DbCredentials> found = credentials.findReader(db);
            if (found.isEmpty()) {
                return Optional.empty();
            }
            creds = found.get();
        } catch (RoutingException e) {
            return Optional.of(new ReaderHealth(
                    "(unreadable secret)",
                    ReaderHealth.State.DOWN,
                    e.getMessage(),
                    null,
                    null,
                    replicaReads.sum(),
                    fallbacks.sum(),
                    poolState()));
        }
        ConnectOptions options = ConnectOptions.of("approuting-health")
                .withConnectTimeout(timeout)
                .withSocketTimeout(timeout.plusSeconds(1));
        try (Connection c = Connections.open(creds, options)) {
            Replay replay = probe(c);
            double lag = Math.max(replay.lagSeconds(), ownLagSeconds());
            ReaderHealth.State now = !replay.standby()
                    ? ReaderHealth.State.NOT_A_STANDBY
                    : lag * 1000 > settings.maxLag().toMillis()
                            ? ReaderHealth.State.LAGGING
                            : ReaderHealth.State.SERVING;
            if (state == ReaderHealth.State.UNKNOWN || now == ReaderHealth.State.NOT_A_STANDBY) {
                transition(now, now == ReaderHealth.State.SERVING ? null : "seen by health()");
            }
            return Optional.of(new ReaderHealth(
                    creds.server(),
                    state == ReaderHealth.State.DOWN ? ReaderHealth.State.DOWN : now,
                    state == ReaderHealth.State.DOWN ? error : null,
                    Double.isInfinite(lag) ? null : Duration.ofMillis(Math.round(lag * 1000)),
                    replay.standby() ? Lsn.format(replay.lsn()) : null,
                    replicaReads.sum(),
                    fallbacks.sum(),
                    poolState()));
        } catch (SQLException e) {
            return Optional.of(new ReaderHealth(
                    creds.server(),
                    ReaderHealth.State.DOWN,
                    e.getMessage() + " (SQLState " + e.getSQLState() + ")",
                    null,
                    null,
                    replicaReads.sum(),
                    fallbacks.sum(),
                    poolState()));
        }
    }

    long replicaReads() {
        return replicaReads.sum();
    }

    long fallbacks() {
        return fallbacks.sum();
    }

    ReaderHealth.State state() {
        return state;
    }

    private void evict(Connection c) {
        DatabasePool p = pool;
        try {
            if (p != null) {
                p.dataSource().evictConnection(c);
            } else {
                c.close();
            }
        } catch (SQLException | RuntimeException ignored) {
            // Already broken: the pool replaces it.
        }
    }

    private static void sleepBriefly() {
        try {
            Thread.sleep(1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    void close() {
        DatabasePool p = pool;
        pool = null;
        if (p != null) {
            p.close();
        }
    }
}
