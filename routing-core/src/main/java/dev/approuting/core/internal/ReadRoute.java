package dev.approuting.core.internal;

import dev.approuting.core.AwsWrapper;
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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import javax.sql.DataSource;
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
 * reads. One read refreshes an old entry while the others keep using it; a token newer than the entry
 * makes one probe that concurrent reads share. A cached position is never ahead of the server's real
 * one: a read it lets through sees at least what the position promises.
 */
public final class ReadRoute {
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
    /** Reads waiting for a replica to catch up ask it at most this often (all of them together). */
    private static final long MIN_PROBE_SPACING_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    /** What one check of a server found. */
    record Replay(boolean standby, long lsn, double lagSeconds, String server, long at) {}

    /** The last known position of one server, and the probe running for it, if any. */
    private static final class ServerReplay {
        volatile @Nullable Replay last;
        final AtomicReference<@Nullable CompletableFuture<Replay>> probing = new AtomicReference<>();
    }

    /** A probe another read ran for the same server failed or took too long: this read goes to the writer. */
    private static final class ProbeUnanswered extends Exception {
        private static final long serialVersionUID = 1L;

        ProbeUnanswered() {
            super(null, null, false, false);
        }
    }

    private final ServiceName service;
    private final DbName db;
    private final CredentialsSource credentials;
    private final ReaderSettings settings;
    private final PoolSettings poolSettings;
    private final @Nullable DataSource connections;
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
    private final ConcurrentHashMap<String, ServerReplay> replays = new ConcurrentHashMap<>();
    private final LongAdder replayChecks = new LongAdder();
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
            PoolSettings dbSettings,
            @Nullable DataSource connections) {
        this.service = service;
        this.db = db;
        this.credentials = credentials;
        this.settings = settings;
        this.connections = connections;
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
     *
     * <p>The replay position comes from the cache of the connection's server while it is younger than
     * {@link ReaderSettings#replayCheckEvery()}; an older one is refreshed by one read while the others
     * use it as it is (a position only grows, so an old one is never ahead). A token the cached position
     * does not cover asks the server once: concurrent reads share that probe.
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
            Replay replay = cachedOrRefreshed(c);
            if (!replay.standby()) {
                transition(ReaderHealth.State.NOT_A_STANDBY, "pg_is_in_recovery() is false on " + replay.server());
                return giveBack(c);
            }
            if (need.isEmpty()) {
                return lagWithin(c, replay);
            }
            long wanted = need.getAsLong();
            if (Lsn.atLeast(replay.lsn(), wanted)) {
                return serve(c);
            }
            if (routing.unreachable(db, wanted, this)) {
                // A position the writer never reached: from another server, or made up. Read as without one.
                return lagWithin(c, replay);
            }
            // The token is newer than the cache: one probe (shared with concurrent reads), then, within
            // maxWait, a probe per millisecond at most for all the reads waiting on this server.
            long deadline = System.nanoTime() + settings.maxWait().toNanos();
            long startedAfter = replay.at() + 1;
            while (true) {
                replay = refreshed(c, replay.server(), startedAfter);
                if (Lsn.atLeast(replay.lsn(), wanted)) {
                    return serve(c);
                }
                long next = replay.at() + MIN_PROBE_SPACING_NANOS;
                if (next - deadline >= 0) {
                    return giveBack(c);
                }
                sleepUntil(next);
                startedAfter = next;
            }
        } catch (SQLException e) {
            evict(c);
            markDown(e.getMessage() + " (SQLState " + e.getSQLState() + ")");
            fallbacks.increment();
            return null;
        } catch (ProbeUnanswered e) {
            return giveBack(c);
        }
    }

    private @Nullable Connection lagWithin(Connection c, Replay replay) {
        // A cached position may be replayCheckEvery old: the replica may have fallen behind that much since.
        double age = Math.max(0, System.nanoTime() - replay.at()) / 1e9;
        double lag = Math.max(replay.lagSeconds() + age, ownLagSeconds());
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

    /**
     * Returns the replay position of the server {@code c} is connected to: the cached one while it is
     * younger than {@link ReaderSettings#replayCheckEvery()}, else a fresh one, or the cached one when
     * another read is refreshing it already. A connection not seen before is asked which server it is on.
     */
    private Replay cachedOrRefreshed(Connection c) throws SQLException, ProbeUnanswered {
        Object physical = c.unwrap(org.postgresql.PGConnection.class);
        String server = serverOf.get(physical);
        if (server == null) {
            Replay replay = probe(c);
            serverOf.put(physical, replay.server());
            return remember(server(replay.server()), replay);
        }
        ServerReplay known = server(server);
        Replay cached = known.last;
        if (cached == null) {
            return refreshed(c, server, System.nanoTime());
        }
        if (System.nanoTime() - cached.at() < cacheNanos || known.probing.get() != null) {
            return cached;
        }
        return refreshed(c, server, cached.at() + 1);
    }

    /**
     * Returns a position of {@code server} asked at or after {@code startedAfter}, or the answer of the
     * probe already running for it (older, never ahead): one probe per server at a time.
     */
    private Replay refreshed(Connection c, String server, long startedAfter) throws SQLException, ProbeUnanswered {
        ServerReplay known = server(server);
        while (true) {
            Replay cached = known.last;
            if (cached != null && cached.at() - startedAfter >= 0) {
                return cached;
            }
            CompletableFuture<Replay> running = known.probing.get();
            if (running != null) {
                try {
                    return running.get(settings.connectionTimeout().toMillis(), TimeUnit.MILLISECONDS);
                } catch (ExecutionException | TimeoutException e) {
                    throw new ProbeUnanswered();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new ProbeUnanswered();
                }
            }
            CompletableFuture<Replay> mine = new CompletableFuture<>();
            if (!known.probing.compareAndSet(null, mine)) {
                continue;
            }
            try {
                Replay replay = remember(known, probe(c));
                mine.complete(replay);
                return replay;
            } catch (SQLException | RuntimeException e) {
                mine.completeExceptionally(e);
                throw e;
            } finally {
                known.probing.set(null);
            }
        }
    }

    private ServerReplay server(String server) {
        return replays.computeIfAbsent(server, s -> new ServerReplay());
    }

    private Replay remember(ServerReplay known, Replay replay) {
        replayChecks.increment();
        Replay before = known.last;
        if (before == null || replay.at() - before.at() > 0) {
            known.last = replay;
        }
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
                            withWritersCluster(poolSettings),
                            connections,
                            null);
                    pool = p;
                }
            }
        }
        return p;
    }

    /** The reader's pool goes through the AWS wrapper as the writer's does, in the writer's cluster. */
    private PoolSettings withWritersCluster(PoolSettings settings) {
        AwsWrapper wrapper = settings.awsWrapper();
        if (wrapper == null || wrapper.clusterId() != null) {
            return settings;
        }
        return settings.withAwsWrapper(wrapper.withClusterId(WrapperPools.clusterId(wrapper, credentials.require(db))));
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
                    poolState(),
                    replayChecks.sum()));
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
                    poolState(),
                    replayChecks.sum()));
        } catch (SQLException e) {
            return Optional.of(new ReaderHealth(
                    creds.server(),
                    ReaderHealth.State.DOWN,
                    e.getMessage() + " (SQLState " + e.getSQLState() + ")",
                    null,
                    null,
                    replicaReads.sum(),
                    fallbacks.sum(),
                    poolState(),
                    replayChecks.sum()));
        }
    }

    /**
     * Checks the reader of {@code db} once, with a connection of its own, outside any service: for
     * status reports. Empty when the database has no reader secret.
     */
    public static Optional<ReaderHealth> check(
            DbName db, CredentialsSource credentials, Duration maxLag, Duration timeout) {
        Optional<DbCredentials> found;
        try {
            found = credentials.findReader(db);
        } catch (RoutingException e) {
            return Optional.of(new ReaderHealth(
                    "(unreadable secret)",
                    ReaderHealth.State.DOWN,
                    e.getMessage(),
                    null,
                    null,
                    0,
                    0,
                    PoolState.readerNotOpened(db)));
        }
        if (found.isEmpty()) {
            return Optional.empty();
        }
        DbCredentials creds = found.get();
        ConnectOptions options = ConnectOptions.of("approuting-status")
                .withConnectTimeout(timeout)
                .withSocketTimeout(timeout.plusSeconds(1));
        try (Connection c = Connections.open(creds, options)) {
            Replay replay = probe(c);
            double lag = replay.lagSeconds();
            ReaderHealth.State state = !replay.standby()
                    ? ReaderHealth.State.NOT_A_STANDBY
                    : lag * 1000 > maxLag.toMillis() ? ReaderHealth.State.LAGGING : ReaderHealth.State.SERVING;
            return Optional.of(new ReaderHealth(
                    creds.server(),
                    state,
                    null,
                    Double.isInfinite(lag) ? null : Duration.ofMillis(Math.round(lag * 1000)),
                    replay.standby() ? Lsn.format(replay.lsn()) : null,
                    0,
                    0,
                    PoolState.readerNotOpened(db)));
        } catch (SQLException e) {
            return Optional.of(new ReaderHealth(
                    creds.server(),
                    ReaderHealth.State.DOWN,
                    e.getMessage() + " (SQLState " + e.getSQLState() + ")",
                    null,
                    null,
                    0,
                    0,
                    PoolState.readerNotOpened(db)));
        }
    }

    long replicaReads() {
        return replicaReads.sum();
    }

    long fallbacks() {
        return fallbacks.sum();
    }

    long replayChecks() {
        return replayChecks.sum();
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

    private static void sleepUntil(long nanoTime) {
        long wait = nanoTime - System.nanoTime();
        if (wait > 0) {
            LockSupport.parkNanos(wait);
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
