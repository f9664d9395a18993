package dev.approuting.admin.internal;

import dev.approuting.core.AdminView;
import dev.approuting.core.AppName;
import dev.approuting.core.CredentialsSource;
import dev.approuting.core.DatabaseHealth;
import dev.approuting.core.DbCredentials;
import dev.approuting.core.DbName;
import dev.approuting.core.DbRouterRegistry;
import dev.approuting.core.PoolState;
import dev.approuting.core.ReaderHealth;
import dev.approuting.core.RoutedDatabases;
import dev.approuting.core.RoutingException;
import dev.approuting.core.ServiceName;
import dev.approuting.core.ServiceRouting;
import dev.approuting.core.support.Connections;
import dev.approuting.flyway.DatabaseStatus;
import dev.approuting.flyway.MigrateAll;
import dev.approuting.flyway.MigrationConfig;
import dev.approuting.flyway.MigrationError;
import dev.approuting.lint.MigrationLinter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks every database of an admin view and caches the result for a few seconds, so that page loads,
 * health checks and scrapes share one round of reads. Each database is read (probe, then migration state)
 * on a task of its own, each step with its own deadline ({@code probeTimeout}, {@code statusTimeout}); a
 * database that does not answer in time is shown as down with the deadline it missed, while the others
 * are shown as read. A database whose previous read is still hanging is not read again until it returns,
 * so a stalled server holds one thread, not one per round.
 *
 * <p>Thread-safety: the lock guards only the cached snapshot and the round in progress, never I/O. The
 * caller that finds the snapshot stale starts a round and waits for it (bounded by the deadlines); callers
 * arriving while a round runs get the last snapshot at once, or wait for the round when there is none yet.
 */
public final class SnapshotSource {
    private static final Logger log = LoggerFactory.getLogger(SnapshotSource.class);

    private final DbRouterRegistry registry;
    private final AdminView view;
    private final CredentialsSource credentials;
    private final MigrationConfig config;
    private final @Nullable RoutedDatabases pools;
    private final Duration probeTimeout;
    private final Duration statusTimeout;
    private final long cacheNanos;
    private final Semaphore permits;
    private final ExecutorService readers;
    private final PendingLint lint;
    private final List<Snapshot.Route> routes;
    private final Map<DbName, Boolean> lastReachable = new ConcurrentHashMap<>();
    private final Map<DbName, Future<Read>> inFlight = new ConcurrentHashMap<>();
    private final Object lock = new Object();
    private @Nullable Snapshot cached;
    private long cachedAt;
    private @Nullable CompletableFuture<Snapshot> round;

    /**
     * Creates the source.
     *
     * @param registry the registry, for the routing table and migration state
     * @param view the databases to check
     * @param credentials where their credentials come from
     * @param config the Flyway settings the apps are migrated with
     * @param linter the linter run over pending scripts
     * @param pools the pools this process holds, or {@code null}
     * @param probeTimeout how long one probe may take
     * @param cacheFor how long a snapshot is reused
     * @param parallelism how many databases are checked at once
     */
    public SnapshotSource(
            DbRouterRegistry registry,
            AdminView view,
            CredentialsSource credentials,
            MigrationConfig config,
            MigrationLinter linter,
            @Nullable RoutedDatabases pools,
            Duration probeTimeout,
            Duration cacheFor,
            int parallelism) {
        this(
                registry,
                view,
                credentials,
                config,
                linter,
                pools,
                probeTimeout,
                DEFAULT_STATUS_TIMEOUT,
                cacheFor,
                parallelism);
    }

    /** The default deadline of one database's migration state read. */
    public static final Duration DEFAULT_STATUS_TIMEOUT = Duration.ofSeconds(10);

    /**
     * Creates the source with a deadline on reading one database's migration state.
     *
     * @param statusTimeout how long reading one database's migration state may take
     * @see #SnapshotSource(DbRouterRegistry, AdminView, CredentialsSource, MigrationConfig, MigrationLinter,
     *     RoutedDatabases, Duration, Duration, int)
     */
    public SnapshotSource(
            DbRouterRegistry registry,
            AdminView view,
            CredentialsSource credentials,
            MigrationConfig config,
            MigrationLinter linter,
            @Nullable RoutedDatabases pools,
            Duration probeTimeout,
            Duration statusTimeout,
            Duration cacheFor,
            int parallelism) {
        this.registry = registry;
        this.view = view;
        this.credentials = credentials;
        this.config = config;
        this.lint = new PendingLint(linter, config);
        this.pools = pools;
        this.probeTimeout = probeTimeout;
        this.statusTimeout = statusTimeout;
        this.cacheNanos = cacheFor.toNanos();
        this.permits = new Semaphore(parallelism);
        AtomicInteger threads = new AtomicInteger();
        this.readers = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "approuting-admin-read-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.routes = routes(registry, view);
    }

    /** Returns the databases this source checks. */
    public AdminView view() {
        return view;
    }

    /**
     * Returns the newest snapshot: the cached one while it is fresh; else the caller starts a round and
     * waits for it, bounded by the deadlines. While another caller's round runs, the last snapshot is
     * returned at once.
     */
    public Snapshot current() {
        CompletableFuture<Snapshot> mine;
        synchronized (lock) {
            Snapshot snapshot = cached;
            if (snapshot != null && System.nanoTime() - cachedAt < cacheNanos) {
                return snapshot;
            }
            CompletableFuture<Snapshot> running = round;
            if (running != null && snapshot != null) {
                return snapshot;
            }
            if (running == null) {
                CompletableFuture<Snapshot> started = new CompletableFuture<>();
                running = started;
                round = started;
                readers.execute(() -> {
                    try {
                        Snapshot taken = take();
                        finished(started, taken);
                        started.complete(taken);
                    } catch (RuntimeException | Error e) {
                        finished(started, null);
                        started.completeExceptionally(e);
                    }
                });
            }
            mine = running;
        }
        return mine.join();
    }

    /** Stops the reading threads; reads hanging on a stalled server are interrupted. */
    public void close() {
        readers.shutdownNow();
    }

    private void finished(CompletableFuture<Snapshot> done, @Nullable Snapshot snapshot) {
        synchronized (lock) {
            if (round == done) {
                round = null;
            }
            if (snapshot != null) {
                cached = snapshot;
                cachedAt = System.nanoTime();
            }
        }
    }

    private Snapshot take() {
        Instant takenAt = Instant.now();
        List<Future<Read>> reads = new ArrayList<>();
        for (AdminView.Database d : view.databases()) {
            reads.add(inFlight.compute(
                    d.db(),
                    (db, previous) ->
                            previous != null && !previous.isDone() ? previous : readers.submit(() -> read(d))));
        }
        long deadline = System.nanoTime()
                + probeTimeout.plus(statusTimeout).plusSeconds(1).toNanos();
        List<Snapshot.Database> rows = new ArrayList<>();
        for (int i = 0; i < reads.size(); i++) {
            AdminView.Database d = view.databases().get(i);
            rows.add(await(d, reads.get(i), deadline));
        }
        return new Snapshot(view.adminService(), view.environment(), takenAt, rows, routes);
    }

    private Snapshot.Database await(AdminView.Database d, Future<Read> read, long deadline) {
        try {
            Read r = read.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            return row(r.probed, r.status);
        } catch (TimeoutException e) {
            String error = "did not answer within its deadline (probeTimeout " + seconds(probeTimeout)
                    + ", statusTimeout " + seconds(statusTimeout) + "); shown as down until it answers";
            return row(new Probed(d, null, false, error, probeTimeout.toMillis(), null, null), Optional.empty());
        } catch (ExecutionException e) {
            String error = "could not be read: " + e.getCause();
            return row(new Probed(d, null, false, error, 0, null, null), Optional.empty());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return row(new Probed(d, null, false, "reading was interrupted", 0, null, null), Optional.empty());
        }
    }

    private Read read(AdminView.Database d) throws InterruptedException {
        permits.acquire();
        try {
            Probed probed = probe(d);
            if (!probed.reachable) {
                return new Read(probed, Optional.empty());
            }
            Future<Optional<DatabaseStatus>> status = readers.submit(() -> status(d.db()));
            try {
                return new Read(probed, status.get(statusTimeout.toNanos(), TimeUnit.NANOSECONDS));
            } catch (TimeoutException e) {
                status.cancel(true);
                MigrationError late = new MigrationError(
                        "its migration state was not read within statusTimeout " + seconds(statusTimeout),
                        null,
                        null,
                        null);
                return new Read(probed, Optional.of(DatabaseStatus.unreadable(d.db(), d.apps(), List.of(), late)));
            } catch (ExecutionException e) {
                MigrationError failed =
                        new MigrationError("its migration state could not be read: " + e.getCause(), null, null, null);
                return new Read(probed, Optional.of(DatabaseStatus.unreadable(d.db(), d.apps(), List.of(), failed)));
            }
        } finally {
            permits.release();
        }
    }

    private Optional<DatabaseStatus> status(DbName db) {
        try {
            return MigrateAll.configure(registry)
                    .environment(view.environment())
                    .credentials(credentials)
                    .config(config)
                    .databases(List.of(db))
                    .parallelism(1)
                    .load()
                    .status()
                    .database(db);
        } catch (RoutingException e) {
            log.warn("{}: admin cannot read the migration state: {}", db, e.getMessage());
            return Optional.empty();
        }
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    private Probed probe(AdminView.Database database) {
        DbName db = database.db();
        long start = System.nanoTime();
        String server = null;
        String error;
        PoolState pool = null;
        ReaderHealth reader = null;
        try {
            DbCredentials creds = credentials.require(db);
            server = Redaction.server(creds);
            RoutedDatabases held = pools;
            if (held != null && held.routing().databases().contains(db)) {
                DatabaseHealth health = held.health(db);
                error = health.reachable() ? null : String.valueOf(health.error());
                pool = health.pool();
                reader = health.reader().orElse(null);
            } else {
                error = Connections.check(creds, "approuting-health", probeTimeout);
            }
            if (error != null) {
                error = Redaction.scrub(error, creds);
            }
        } catch (RoutingException e) {
            error = e.getMessage();
        }
        long millis = Duration.ofNanos(System.nanoTime() - start).toMillis();
        if (error != null && millis >= probeTimeout.toMillis()) {
            error = "no answer within probeTimeout " + seconds(probeTimeout) + ": " + error;
        }
        boolean reachable = error == null;
        Boolean before = lastReachable.put(db, reachable);
        if (!reachable && !Boolean.FALSE.equals(before)) {
            log.warn("{}: unreachable ({} ms): {}", db, millis, error);
        } else if (reachable && Boolean.FALSE.equals(before)) {
            log.info("{}: reachable again ({} ms)", db, millis);
        }
        return new Probed(database, server, reachable, error, millis, pool, reader);
    }

    private Snapshot.Database row(Probed p, Optional<DatabaseStatus> read) {
        AdminView.Database d = p.database;
        DatabaseStatus status;
        if (!p.reachable) {
            status = DatabaseStatus.unreadable(
                    d.db(), d.apps(), List.of(), new MigrationError(String.valueOf(p.error), null, null, null));
        } else {
            status = read.orElseGet(() -> DatabaseStatus.unreadable(
                    d.db(), d.apps(), List.of(), new MigrationError("no answer", null, null, null)));
        }
        List<Snapshot.App> apps = new ArrayList<>();
        for (AppName app : d.apps()) {
            apps.add(status.apps().stream()
                    .filter(a -> a.app().equals(app))
                    .findFirst()
                    .map(a -> new Snapshot.App(a, a.known() ? lint.findings(app, a.pending()) : List.of()))
                    .orElseGet(() -> Snapshot.App.unknown(app)));
        }
        return new Snapshot.Database(d.devOnly(), p.server, p.reachable, p.millis, p.pool, status, apps, p.reader);
    }

    private static List<Snapshot.Route> routes(DbRouterRegistry registry, AdminView view) {
        List<Snapshot.Route> rows = new ArrayList<>();
        registry.services().entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .forEach(e -> {
                    ServiceRouting routing = registry.forService(e.getKey(), e.getValue());
                    for (DbName db : routing.databases()) {
                        routing.appsIn(db).forEach(app -> rows.add(new Snapshot.Route(e.getKey(), app, db, false)));
                    }
                });
        ServiceName admin = view.adminService();
        for (AdminView.Database d : view.databases()) {
            d.apps().forEach(app -> rows.add(new Snapshot.Route(admin, app, d.db(), true)));
        }
        return rows;
    }

    private record Read(Probed probed, Optional<DatabaseStatus> status) {}

    private record Probed(
            AdminView.Database database,
            @Nullable String server,
            boolean reachable,
            @Nullable String error,
            long millis,
            @Nullable PoolState pool,
            @Nullable ReaderHealth reader) {}
}
