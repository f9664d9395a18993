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
import dev.approuting.core.support.Parallel;
import dev.approuting.flyway.DatabaseStatus;
import dev.approuting.flyway.MigrateAll;
import dev.approuting.flyway.MigrationConfig;
import dev.approuting.flyway.MigrationError;
import dev.approuting.flyway.StatusReport;
import dev.approuting.lint.MigrationLinter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks every database of an admin view and caches the result for a few seconds, so that page loads,
 * health checks and scrapes share one round of probes. Probes run in parallel across databases, each
 * with its own short timeout; the migration state is read only from the databases that answered.
 * Thread-safe: concurrent callers wait for the one check in progress.
 */
public final class SnapshotSource {
    private static final Logger log = LoggerFactory.getLogger(SnapshotSource.class);

    private final DbRouterRegistry registry;
    private final AdminView view;
    private final CredentialsSource credentials;
    private final MigrationConfig config;
    private final @Nullable RoutedDatabases pools;
    private final Duration probeTimeout;
    private final long cacheNanos;
    private final int parallelism;
    private final PendingLint lint;
    private final List<Snapshot.Route> routes;
    private final Map<DbName, Boolean> lastReachable = new ConcurrentHashMap<>();
    private @Nullable Snapshot cached;
    private long cachedAt;

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
        this.registry = registry;
        this.view = view;
        this.credentials = credentials;
        this.config = config;
        this.lint = new PendingLint(linter, config);
        this.pools = pools;
        this.probeTimeout = probeTimeout;
        this.cacheNanos = cacheFor.toNanos();
        this.parallelism = parallelism;
        this.routes = routes(registry, view);
    }

    /** Returns the databases this source checks. */
    public AdminView view() {
        return view;
    }

    /** Returns the newest snapshot, checking the databases again when the cached one is too old. */
    public synchronized Snapshot current() {
        Snapshot snapshot = cached;
        long now = System.nanoTime();
        if (snapshot == null || now - cachedAt >= cacheNanos) {
            snapshot = take();
            cached = snapshot;
            cachedAt = System.nanoTime();
        }
        return snapshot;
    }

    private Snapshot take() {
        Instant takenAt = Instant.now();
        List<Probed> probed = Parallel.map(view.databases(), parallelism, "approuting-admin-probe", this::probe);
        List<DbName> reachable = probed.stream()
                .filter(p -> p.reachable)
                .map(p -> p.database.db())
                .toList();
        StatusReport status = reachable.isEmpty() ? new StatusReport(List.of()) : status(reachable);
        List<Snapshot.Database> rows = new ArrayList<>();
        for (Probed p : probed) {
            rows.add(row(p, status.database(p.database.db())));
        }
        return new Snapshot(view.adminService(), view.environment(), takenAt, rows, routes);
    }

    private StatusReport status(List<DbName> dbs) {
        try {
            return MigrateAll.configure(registry)
                    .environment(view.environment())
                    .credentials(credentials)
                    .config(config)
                    .databases(dbs)
                    .parallelism(parallelism)
                    .load()
                    .status();
        } catch (RoutingException e) {
            log.warn("admin: cannot read the migration state of {}: {}", dbs, e.getMessage());
            return new StatusReport(List.of());
        }
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
            server = creds.server();
            RoutedDatabases held = pools;
            if (held != null && held.routing().databases().contains(db)) {
                DatabaseHealth health = held.health(db);
                error = health.reachable() ? null : String.valueOf(health.error());
                pool = health.pool();
                reader = health.reader().orElse(null);
            } else {
                error = Connections.check(creds, "approuting-health", probeTimeout);
            }
        } catch (RoutingException e) {
            error = e.getMessage();
        }
        long millis = Duration.ofNanos(System.nanoTime() - start).toMillis();
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

    private record Probed(
            AdminView.Database database,
            @Nullable String server,
            boolean reachable,
            @Nullable String error,
            long millis,
            @Nullable PoolState pool,
            @Nullable ReaderHealth reader) {}
}
