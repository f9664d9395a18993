package dev.approuting.testkit.internal;

import dev.approuting.core.AppName;
import dev.approuting.core.DbName;
import dev.approuting.core.ErrorCode;
import dev.approuting.core.RoutingException;
import dev.approuting.core.ServiceRouting;
import dev.approuting.core.support.Hashing;
import dev.approuting.testkit.postgres.EmbeddedPostgresProvider;
import dev.approuting.testkit.postgres.PostgresProvider;
import dev.approuting.testkit.postgres.PostgresServer;
import dev.approuting.testkit.postgres.PostgresStandby;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything the testkit keeps for one server in one JVM: the server, its administration, the
 * templates (built once per migration content) and the rollback sessions. Closed when the JVM's
 * tests end: waits for background work, drops what the run made when the server outlives it, stops
 * the server.
 */
public final class TestRuntime implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(TestRuntime.class);
    private static final AtomicInteger BUILDS = new AtomicInteger();

    private final PostgresProvider provider;
    private final PostgresServer server;
    private @Nullable PostgresStandby standby;
    private final ServerAdmin admin;
    private final ExecutorService background;
    private final Dropper dropper;
    private final int depth;
    private final CloneStrategy forced;
    private final Map<String, CompletableFuture<Template>> templates = new ConcurrentHashMap<>();
    private final Map<String, ConcurrentLinkedQueue<RollbackSession>> rollbackSessions = new ConcurrentHashMap<>();
    private final List<RollbackSession> allSessions = new ArrayList<>();
    private final boolean reusePools =
            !"false".equalsIgnoreCase(System.getProperty("approuting.test.reusePools", "true"));
    /** Idle slots by template set, the last one given back first (its connections are the warmest). */
    private final Map<String, ConcurrentLinkedDeque<PoolSlot>> slots = new ConcurrentHashMap<>();

    private final List<PoolSlot> allSlots = new ArrayList<>();
    private volatile @Nullable KeptData kept;

    /**
     * Starts the provider's server and sweeps databases left by crashed runs.
     *
     * @param depth how many clones per template are made ahead
     * @param forced the clone strategy to use, or {@link CloneStrategy#DEFAULT} to pick the faster
     */
    public TestRuntime(PostgresProvider provider, int depth, CloneStrategy forced) {
        this.provider = provider;
        long start = System.nanoTime();
        warmUpJooq();
        this.server = startServer(provider);
        try {
            this.admin = new ServerAdmin(server, UUID.randomUUID().toString().substring(0, 8));
            admin.sweepStale();
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
        this.depth = depth;
        this.forced = forced;
        AtomicInteger threads = new AtomicInteger();
        this.background = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "approuting-testkit-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.dropper = new Dropper(admin);
        log.info(
                "{}: ready for tests in {} ms (run {})",
                server.describe(),
                (System.nanoTime() - start) / 1_000_000,
                admin.runId());
    }

    private static final Map<String, Shared> SHARED = new java.util.HashMap<>();

    /** A runtime and how many leases hold it. */
    private static final class Shared {
        final TestRuntime runtime;
        int leases;

        Shared(TestRuntime runtime) {
            this.runtime = runtime;
        }
    }

    /**
     * Returns a lease on the JVM's runtime for {@code spec}, starting it for the first lease; the
     * runtime closes when the last lease does. One JUnit run holds one lease in its root store; a run
     * started inside another (JUnit's EngineTestKit) shares the outer one's server.
     */
    public static Lease lease(String spec) {
        synchronized (SHARED) {
            Shared shared = SHARED.get(spec);
            if (shared == null) {
                shared = new Shared(startKeeping(
                        provider(spec),
                        System.getProperties(),
                        System.getenv(),
                        Path.of("").toAbsolutePath()));
                SHARED.put(spec, shared);
            }
            shared.leases++;
            return new Lease(spec, shared.runtime);
        }
    }

    /** A hold on a shared runtime; closing the last one closes the runtime. */
    public static final class Lease implements AutoCloseable {
        private final String spec;
        private final TestRuntime runtime;
        private boolean closed;

        private Lease(String spec, TestRuntime runtime) {
            this.spec = spec;
            this.runtime = runtime;
        }

        public TestRuntime runtime() {
            return runtime;
        }

        @Override
        public void close() {
            synchronized (SHARED) {
                if (closed) {
                    return;
                }
                closed = true;
                Shared shared = SHARED.get(spec);
                if (shared != null && shared.runtime == runtime && --shared.leases == 0) {
                    SHARED.remove(spec);
                    runtime.close();
                }
            }
        }
    }

    /**
     * Loads and initialises jOOQ's rendering while the server starts: the first query of a JVM costs
     * about a second of class loading otherwise, and it would land on the first test.
     */
    private static void warmUpJooq() {
        Thread warmUp = new Thread(
                () -> DSL.using(SQLDialect.POSTGRES)
                        .select(DSL.inline(1))
                        .from(DSL.table(DSL.name("warm_up")))
                        .where(DSL.field(DSL.name("id")).eq(DSL.val(1)))
                        .getSQL(),
                "approuting-testkit-warm-up");
        warmUp.setDaemon(true);
        warmUp.start();
    }

    /**
     * Starts the server of {@code provider}, reporting a failure the way every testkit error is reported.
     *
     * @throws RoutingException with {@link ErrorCode#DATABASE_UNAVAILABLE} when it cannot be started or
     *     reached, or {@link ErrorCode#INVALID_CONFIGURATION} for a bad setting, saying what to do
     */
    public static PostgresServer startServer(PostgresProvider provider) {
        try {
            return provider.start();
        } catch (IllegalArgumentException e) {
            throw RoutingException.of(ErrorCode.INVALID_CONFIGURATION, String.valueOf(e.getMessage()), e);
        } catch (IllegalStateException e) {
            throw RoutingException.of(ErrorCode.DATABASE_UNAVAILABLE, String.valueOf(e.getMessage()), e);
        }
    }

    /**
     * Returns the provider a spec names (see {@link PostgresProvider#fromSpec(String)}).
     *
     * @throws RoutingException with {@link ErrorCode#INVALID_CONFIGURATION} for a bad spec
     */
    public static PostgresProvider provider(String spec) {
        try {
            return PostgresProvider.fromSpec(spec);
        } catch (IllegalArgumentException e) {
            throw RoutingException.of(ErrorCode.INVALID_CONFIGURATION, String.valueOf(e.getMessage()), e);
        }
    }

    /**
     * Starts a runtime as {@link #start(PostgresProvider)} does; an embedded server without a data
     * directory of its own keeps its data in a {@link KeptData} directory under {@code workingDirectory}
     * when {@code properties} and {@code env} allow it (not in CI). When the server does not start on
     * the kept directory (left broken by a crash, say), it starts on a throwaway one and says so.
     */
    static TestRuntime startKeeping(
            PostgresProvider provider, Map<?, ?> properties, Map<String, String> env, Path workingDirectory) {
        if (!(provider instanceof EmbeddedPostgresProvider embedded) || !KeptData.enabled(properties, env)) {
            return start(provider);
        }
        KeptData kept = KeptData.claim(workingDirectory, embedded.id());
        if (kept == null) {
            return start(provider);
        }
        TestRuntime runtime;
        try {
            runtime = start(embedded.withDataDirectory(kept.directory()));
        } catch (RoutingException e) {
            kept.close();
            log.warn(
                    "embedded PostgreSQL did not start on the kept data directory {} ({}): using a throwaway one;"
                            + " delete the directory to start afresh",
                    kept.directory(),
                    e.getMessage());
            return start(provider);
        }
        runtime.kept = kept;
        return runtime;
    }

    /** Returns the data directory kept for the next run, if this runtime keeps one by default. */
    public Optional<Path> keptDirectory() {
        KeptData k = kept;
        return k == null ? Optional.empty() : Optional.of(k.directory());
    }

    /** Reads the clone settings from system properties {@code approuting.test.prefetch} and {@code approuting.test.cloneStrategy}. */
    public static TestRuntime start(PostgresProvider provider) {
        int depth = Integer.getInteger("approuting.test.prefetch", 2);
        String strategy = System.getProperty("approuting.test.cloneStrategy", "DEFAULT");
        CloneStrategy forced;
        try {
            forced = CloneStrategy.valueOf(strategy.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw RoutingException.of(
                    ErrorCode.INVALID_CONFIGURATION,
                    "approuting.test.cloneStrategy=" + strategy
                            + " is not a clone strategy: use WAL_LOG, FILE_COPY or DEFAULT");
        }
        return new TestRuntime(provider, Math.max(0, depth), forced);
    }

    public PostgresServer server() {
        return server;
    }

    public ServerAdmin admin() {
        return admin;
    }

    /**
     * Returns the template of {@code db} with {@code apps} migrated, building it when no template with
     * the same migration content exists on the server yet. Concurrent callers wait for one build.
     */
    public Template template(DbName db, List<AppName> apps, SchemaMigrator migrator) {
        String key = templateKey(db, apps, migrator.contentHash(apps), admin.versionNum());
        String name = Template.limit(ServerAdmin.TEMPLATE + key + "_" + db.value());
        CompletableFuture<Template> mine = new CompletableFuture<>();
        CompletableFuture<Template> existing = templates.putIfAbsent(name, mine);
        if (existing == null) {
            try {
                build(db, apps, name, migrator);
                Template template = new Template(db, name, admin, background, dropper, depth, forced);
                if (server.keepsData()) {
                    template.adoptSpares();
                }
                template.refill();
                mine.complete(template);
            } catch (RuntimeException e) {
                templates.remove(name, mine);
                mine.completeExceptionally(e);
                throw e;
            }
            return mine.join();
        }
        try {
            return existing.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for template " + name, e);
        }
    }

    /** A service's templates as one set, with the key its pooled slots and rollback sessions are kept under. */
    private record TemplateSet(Map<DbName, Template> templates, String key) {}

    /** The sets resolved so far, so a test does not hash template keys again: by routing and migrator. */
    private final Map<List<Object>, TemplateSet> resolved = new ConcurrentHashMap<>();

    /** Returns the templates of every database of {@code routing}, in its order. */
    public Map<DbName, Template> templates(ServiceRouting routing, SchemaMigrator migrator) {
        return templateSet(routing, migrator).templates();
    }

    private TemplateSet templateSet(ServiceRouting routing, SchemaMigrator migrator) {
        List<Object> cacheKey = List.of(routing, migrator);
        TemplateSet set = resolved.get(cacheKey);
        if (set != null) {
            return set;
        }
        Map<DbName, Template> result = new LinkedHashMap<>();
        StringBuilder key = new StringBuilder(routing.service().value());
        for (DbName db : routing.databases()) {
            Template template = template(db, routing.appsIn(db), migrator);
            result.put(db, template);
            key.append('|').append(template.name());
        }
        set = new TemplateSet(Collections.unmodifiableMap(result), key.toString());
        resolved.put(cacheKey, set);
        return set;
    }

    /**
     * Takes fresh clones of every database of {@code routing}; close the set to drop them. The set's
     * pools are those of an earlier set of the same service, pointed at the new clones (unless the
     * system property {@code approuting.test.reusePools} is {@code false}).
     */
    public CloneSet checkout(ServiceRouting routing, SchemaMigrator migrator) {
        TemplateSet resolvedSet = templateSet(routing, migrator);
        Map<DbName, Template> set = resolvedSet.templates();
        if (!reusePools) {
            return new CloneSet(routing, set);
        }
        ConcurrentLinkedDeque<PoolSlot> idle =
                slots.computeIfAbsent(resolvedSet.key(), k -> new ConcurrentLinkedDeque<>());
        PoolSlot slot = idle.pollFirst();
        if (slot == null) {
            slot = new PoolSlot(routing, ServerAdmin.APPLICATION + admin.runId());
            synchronized (allSlots) {
                allSlots.add(slot);
            }
        }
        PoolSlot held = slot;
        return new CloneSet(routing, set, held, () -> {
            if (held.park()) {
                idle.offerFirst(held);
            } else {
                synchronized (allSlots) {
                    allSlots.remove(held);
                }
                held.close();
            }
        });
    }

    /**
     * Takes fresh clones of every database of {@code routing}, those in {@code replicas} with a reader on
     * the server's standby (started on first use, running and replaying when this returns).
     */
    public CloneSet checkout(ServiceRouting routing, SchemaMigrator migrator, Set<DbName> replicas) {
        if (replicas.isEmpty()) {
            return checkout(routing, migrator);
        }
        PostgresStandby standby = standby();
        return new CloneSet(routing, templates(routing, migrator), standby, replicas);
    }

    /** Returns the standby of this runtime's server as it is, or {@code null} when none was started. */
    public synchronized @Nullable PostgresStandby startedStandby() {
        return standby;
    }

    /**
     * Returns the streaming standby of this runtime's server, started on first use, running and
     * replaying: a test that stopped it or paused its replay leaves it so only until the next checkout.
     *
     * @throws IllegalStateException when the server cannot have a standby (not embedded)
     */
    public synchronized PostgresStandby standby() {
        PostgresStandby s = standby;
        if (s == null) {
            s = server.startStandby();
            standby = s;
            log.info(
                    "{}: streaming standby started on port {} for @RoutingTest(replicas = …)",
                    server.describe(),
                    s.port());
        }
        if (!s.running()) {
            s.start();
        }
        if (s.replayPaused()) {
            s.resumeReplay();
        }
        return s;
    }

    /** Borrows a rollback session for {@code routing}; give it back with {@link #giveBack}. */
    public RollbackSession borrowRollback(ServiceRouting routing, SchemaMigrator migrator) {
        TemplateSet resolvedSet = templateSet(routing, migrator);
        Map<DbName, Template> set = resolvedSet.templates();
        String key = resolvedSet.key();
        RollbackSession session = rollbackSessions
                .computeIfAbsent(key, k -> new ConcurrentLinkedQueue<>())
                .poll();
        if (session == null) {
            session = new RollbackSession(key, routing, set);
            synchronized (allSessions) {
                allSessions.add(session);
            }
        }
        return session;
    }

    /**
     * Rolls a session back and makes it available to the next test. A session where {@code test} left
     * a pooled connection open is dropped instead, and the test fails: the next test would wait for
     * that connection.
     *
     * @throws RoutingException with {@link ErrorCode#DATABASE_UNAVAILABLE} naming the test, database and
     *     apps when a connection was left open
     */
    public void giveBack(RollbackSession session, String test) {
        List<DbName> leaked = session.leaked();
        if (!leaked.isEmpty()) {
            synchronized (allSessions) {
                allSessions.remove(session);
            }
            session.discard();
            ServiceRouting routing = session.databases().routing();
            DbName db = leaked.get(0);
            List<AppName> apps = routing.appsIn(db);
            String where = leaked.stream()
                    .map(d -> "database '" + d + "' (apps "
                            + routing.appsIn(d).stream().map(AppName::value).collect(Collectors.joining(", ")) + ")")
                    .collect(Collectors.joining(" and "));
            String message = test + " left a connection to " + where + " of service '" + routing.service() + "' open."
                    + " In Isolation.ROLLBACK the next test reuses the database's one connection and"
                    + " would wait for it: close the connection (try-with-resources), or put"
                    + " @TestIsolation(Isolation.FRESH) on the test. The test's databases were dropped";
            throw apps.size() == 1
                    ? RoutingException.forApp(
                            ErrorCode.DATABASE_UNAVAILABLE, routing.service(), apps.get(0), db, message)
                    : RoutingException.forService(ErrorCode.DATABASE_UNAVAILABLE, routing.service(), db, message);
        }
        session.rollback();
        rollbackSessions
                .computeIfAbsent(session.key(), k -> new ConcurrentLinkedQueue<>())
                .offer(session);
    }

    private void build(DbName db, List<AppName> apps, String name, SchemaMigrator migrator) {
        if (admin.exists(name)) {
            log.info("{}: reusing template {} (migrations unchanged)", db, name);
            return;
        }
        long start = System.nanoTime();
        String building = Template.limit(
                ServerAdmin.BUILDING + admin.runId() + "_" + BUILDS.incrementAndGet() + "_" + db.value());
        admin.create(building, db);
        try {
            migrator.migrate(db, apps, admin.credentials(building));
            admin.rename(building, name, db);
        } catch (RuntimeException e) {
            admin.drop(building, db);
            if (admin.exists(name)) {
                log.info("{}: template {} was built by another run at the same time; using it", db, name);
                return;
            }
            throw e;
        }
        log.info(
                "{}: template {} built with apps {} in {} ms", db, name, apps, (System.nanoTime() - start) / 1_000_000);
    }

    /** Returns the template key: a hash of the database, its apps, their scripts and the server version. */
    static String templateKey(DbName db, List<AppName> apps, String contentHash, int versionNum) {
        return Hashing.sha256Hex(db + "\n" + apps + "\n" + contentHash + "\n" + versionNum)
                .substring(0, 16);
    }

    @Override
    public void close() {
        List<String> leftovers = new ArrayList<>();
        for (CompletableFuture<Template> future : templates.values()) {
            Template template = future.getNow(null);
            if (template != null) {
                leftovers.addAll(template.close(server.keepsData()));
            }
        }
        synchronized (allSessions) {
            allSessions.forEach(s -> leftovers.addAll(s.close()));
        }
        synchronized (allSlots) {
            allSlots.forEach(PoolSlot::close);
            allSlots.clear();
        }
        background.shutdown();
        List<String> queuedDrops = dropper.close();
        try {
            if (!background.awaitTermination(30, TimeUnit.SECONDS)) {
                log.warn("{}: background clone work did not finish in 30 s", server.describe());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        leftovers.addAll(queuedDrops);
        if (server.keepsData()) {
            leftovers.forEach(clone -> {
                try {
                    admin.drop(clone, DbName.of("postgres"));
                } catch (RoutingException e) {
                    log.warn("{}: could not drop test database {}: {}", server.describe(), clone, e.getMessage());
                }
            });
        }
        PostgresStandby s;
        synchronized (this) {
            s = standby;
            standby = null;
        }
        if (s != null) {
            s.close();
        }
        admin.close();
        server.close();
        KeptData k = kept;
        if (k != null) {
            k.close();
        }
        log.info("{}: stopped ({})", server.describe(), provider.id());
    }
}
