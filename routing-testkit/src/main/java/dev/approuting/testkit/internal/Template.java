package dev.approuting.testkit.internal;

import dev.approuting.core.DbCredentials;
import dev.approuting.core.DbName;
import dev.approuting.core.RoutingException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One migrated template database and the clones made from it: a few are made ahead in the
 * background, so a test takes a ready one; a used clone is dropped in the background, after the
 * clones in progress ({@link Dropper}).
 *
 * <p>How many are made ahead adapts to what is measured: at least the configured depth, and enough
 * to cover the time one clone takes to arrive (queueing behind the other templates' included) over
 * the time between two tests' takes, up to {@link #MAX_DEPTH}.
 *
 * <p>On PostgreSQL 15 and later the first clones alternate between {@code STRATEGY WAL_LOG} and
 * {@code FILE_COPY}; the faster one is used from then on (the answer depends on the server's disk,
 * fsync and template size), unless the system property {@code approuting.test.cloneStrategy} names one.
 */
public final class Template {
    private static final Logger log = LoggerFactory.getLogger(Template.class);
    private static final int TRIALS = 4;
    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    /** The most clones made ahead per template, whatever the measurements say. */
    static final int MAX_DEPTH = 8;

    private final DbName db;
    private final String name;
    private final ServerAdmin admin;
    private final ExecutorService background;
    private final int depth;
    private final Dropper dropper;
    /** Smoothed time from asking for a clone ahead to having it, and between two takes (nanoseconds; 0: none yet). */
    private volatile long arrivalNanos;

    private volatile long takeIntervalNanos;
    private volatile long lastTake;
    private final LinkedBlockingQueue<Clone> ready = new LinkedBlockingQueue<>();
    private final AtomicInteger pending = new AtomicInteger();
    private final AtomicLong[] cloneNanos = {new AtomicLong(), new AtomicLong()};
    private final AtomicInteger trials = new AtomicInteger();
    private volatile CloneStrategy strategy;
    private volatile boolean closed;

    Template(
            DbName db,
            String name,
            ServerAdmin admin,
            ExecutorService background,
            Dropper dropper,
            int depth,
            CloneStrategy forced) {
        this.db = db;
        this.name = name;
        this.admin = admin;
        this.background = background;
        this.dropper = dropper;
        this.depth = depth;
        boolean choose = forced == CloneStrategy.DEFAULT && admin.versionNum() >= 150000;
        this.strategy = choose ? CloneStrategy.WAL_LOG : forced;
        if (!choose) {
            trials.set(TRIALS);
        }
    }

    /**
     * A clone and, when it was made ahead, a connection to it opened ahead as well: starting a server
     * process for a new connection costs about as much as the clone, so the test should not wait for it.
     */
    public record Clone(String name, @Nullable Connection connection) {}

    public DbName db() {
        return db;
    }

    public String name() {
        return name;
    }

    /** Returns the strategy clones are made with now. */
    public CloneStrategy strategy() {
        return strategy;
    }

    /**
     * Returns a fresh clone, taken from those made ahead (waiting for one being made, rather than
     * competing with it for the server) or made now; the caller owns it and its connection.
     */
    public Clone take() {
        long now = System.nanoTime();
        long previous = lastTake;
        lastTake = now;
        if (previous != 0) {
            takeIntervalNanos = smooth(takeIntervalNanos, now - previous);
        }
        Clone clone = ready.poll();
        try {
            while (clone == null && pending.get() > 0) {
                clone = ready.poll(20, TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (clone == null) {
            clone = new Clone(makeClone(), null);
        }
        refill();
        return clone;
    }

    /**
     * Starts making clones ahead, up to the prefetch depth, one at a time per template: each finished
     * clone queues the next, so the templates of a service take turns and the first set is ready soon.
     */
    public void refill() {
        if (closed || pending.get() > 0 || ready.size() >= depth()) {
            return;
        }
        if (!pending.compareAndSet(0, 1)) {
            return;
        }
        long asked = System.nanoTime();
        try {
            background.execute(() -> {
                try {
                    if (!closed) {
                        String clone = makeClone();
                        ready.offer(new Clone(clone, openQuietly(clone)));
                        arrivalNanos = smooth(arrivalNanos, System.nanoTime() - asked);
                    }
                } catch (RuntimeException e) {
                    log.warn("{}: could not clone template {} ahead of time: {}", db, name, e.getMessage());
                    pending.set(0);
                    return;
                }
                pending.set(0);
                refill();
            });
        } catch (RejectedExecutionException e) {
            pending.set(0);
        }
    }

    /** Closes the clone's connection opened ahead, if still open, and drops the clone in the background. */
    public void release(Clone clone) {
        closeQuietly(clone.connection());
        release(clone.name());
    }

    /** Drops a clone in the background, after the clones in progress (or now, when the run is ending). */
    public void release(String clone) {
        dropper.drop(clone, db);
    }

    /**
     * Returns how many clones to keep ready: the configured depth, or more when a clone takes longer to
     * arrive than the tests take between two takes (one more than arrival / interval, at most {@link #MAX_DEPTH}).
     */
    int depth() {
        long arrival = arrivalNanos;
        long interval = takeIntervalNanos;
        if (depth == 0 || arrival == 0 || interval == 0) {
            return depth;
        }
        long needed = 1 + (arrival + interval - 1) / interval;
        return (int) Math.max(depth, Math.min(MAX_DEPTH, needed));
    }

    /** An exponential moving average giving the newest sample a quarter of the weight. */
    private static long smooth(long average, long sample) {
        return average == 0 ? sample : average + (sample - average) / 4;
    }

    /** Returns the credentials of a clone. */
    public DbCredentials credentials(String clone) {
        return admin.credentials(clone);
    }

    /** Returns the connections to {@code clone} for its pool, starting with the one opened ahead. */
    CloneDataSource connections(Clone clone) {
        return new CloneDataSource(credentials(clone.name()), applicationName(), clone.connection());
    }

    /**
     * Stops making clones ahead, closes the connections of the ready ones and returns their names,
     * for the caller to drop or leave.
     */
    List<String> close() {
        return close(false);
    }

    /**
     * Stops making clones ahead and closes the connections of the ready ones; with {@code keepSpares}
     * (a server whose data is kept) renames them as spares the next run adopts, and returns the names
     * of those it could not keep, for the caller to drop or leave.
     */
    List<String> close(boolean keepSpares) {
        closed = true;
        List<Clone> left = new ArrayList<>();
        ready.drainTo(left);
        List<String> names = new ArrayList<>();
        for (Clone clone : left) {
            closeQuietly(clone.connection());
            if (!keepSpares || !keepAsSpare(clone.name())) {
                names.add(clone.name());
            }
        }
        return names;
    }

    /** Returns how many clones are ready now. */
    int readyCount() {
        return ready.size();
    }

    /** Returns {@code approuting_s_{template key}_}: the prefix of this template's spares. */
    String sparePrefix() {
        String key = name.substring(ServerAdmin.TEMPLATE.length());
        int end = key.indexOf('_');
        return ServerAdmin.SPARE + (end < 0 ? key : key.substring(0, end)) + "_";
    }

    /** Renames an unused clone as a spare; a backend still ending after its connection closed gets a few tries. */
    private boolean keepAsSpare(String clone) {
        String spare = limit(sparePrefix() + admin.runId() + "_" + SEQUENCE.incrementAndGet());
        for (int attempt = 0; attempt < 5; attempt++) {
            try {
                admin.rename(clone, spare, db);
                return true;
            } catch (RoutingException e) {
                try {
                    Thread.sleep(20);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
        }
        return false;
    }

    /**
     * Takes the spares an earlier run left (a kept data directory) as clones made ahead, up to the
     * prefetch depth; the rest stay for later. A spare is a clone of this very template (its key is in
     * the name) that no test used.
     *
     * @return how many were adopted
     */
    int adoptSpares() {
        int adopted = 0;
        for (String spare : admin.databasesStartingWith(sparePrefix())) {
            if (adopted >= depth) {
                break;
            }
            String clone = cloneName(admin.runId(), SEQUENCE.incrementAndGet(), db);
            try {
                admin.rename(spare, clone, db);
            } catch (RoutingException e) {
                continue; // taken by another run on the same server
            }
            ready.offer(new Clone(clone, null));
            adopted++;
        }
        return adopted;
    }

    /** Returns the application name of this run's connections, which tells the sweep of later runs it is alive. */
    private String applicationName() {
        return ServerAdmin.APPLICATION + admin.runId();
    }

    private @Nullable Connection openQuietly(String clone) {
        try {
            Connection connection = PlainDataSource.connect(credentials(clone), applicationName(), Map.of());
            warmUp(connection, clone);
            return connection;
        } catch (SQLException e) {
            log.warn("{}: could not connect to {} ahead of time: {}", db, clone, e.getMessage());
            return null;
        }
    }

    /**
     * Opens every table of the clone once on the connection made ahead, so the test's first queries
     * find the server's catalog caches of the new database built (under load the first query on a new
     * database waited tens of milliseconds for them, measured with JFR socket-read events).
     */
    static final String WARM_UP = "DO $warm$ DECLARE r record; BEGIN FOR r IN SELECT n.nspname, c.relname"
            + " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind IN ('r', 'p', 'v', 'm')"
            + " AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_toast%'"
            + " LIMIT 500 LOOP EXECUTE format('SELECT FROM %I.%I LIMIT 0', r.nspname, r.relname); END LOOP;"
            + " END $warm$";

    private void warmUp(Connection connection, String clone) {
        try (Statement statement = connection.createStatement()) {
            statement.execute(WARM_UP);
        } catch (SQLException e) {
            log.debug("{}: could not warm up {} ahead of time: {}", db, clone, e.getMessage());
        }
    }

    static void closeQuietly(@Nullable Connection connection) {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // A broken connection has nothing left to release.
            }
        }
    }

    private String makeClone() {
        String clone = cloneName(admin.runId(), SEQUENCE.incrementAndGet(), db);
        int trial = trials.getAndIncrement();
        CloneStrategy use =
                trial < TRIALS ? (trial % 2 == 0 ? CloneStrategy.WAL_LOG : CloneStrategy.FILE_COPY) : strategy;
        long start = System.nanoTime();
        dropper.cloning();
        try {
            admin.cloneFrom(name, clone, use, db);
        } finally {
            dropper.cloned();
        }
        long nanos = System.nanoTime() - start;
        if (trial < TRIALS) {
            cloneNanos[use == CloneStrategy.WAL_LOG ? 0 : 1].addAndGet(nanos);
            if (trial == TRIALS - 1) {
                strategy = cloneNanos[0].get() <= cloneNanos[1].get() ? CloneStrategy.WAL_LOG : CloneStrategy.FILE_COPY;
                log.debug(
                        "{}: clones of {} take {} ms with WAL_LOG, {} ms with FILE_COPY; using {}",
                        db,
                        name,
                        cloneNanos[0].get() / 2_000_000.0,
                        cloneNanos[1].get() / 2_000_000.0,
                        strategy);
            }
        }
        return clone;
    }

    /** Returns {@code approuting_c_{runId}_{n}_{db}}, cut to PostgreSQL's 63 characters. */
    static String cloneName(String runId, int n, DbName db) {
        return limit(ServerAdmin.CLONE + runId + "_" + n + "_" + db.value());
    }

    static String limit(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.length() <= 63 ? lower : lower.substring(0, 63);
    }
}
