package dev.approuting.core;

import dev.approuting.core.internal.AppConnectionProvider;
import dev.approuting.core.internal.ConnectionLossTranslator;
import dev.approuting.core.internal.CrossAppGuard;
import dev.approuting.core.internal.DatabasePool;
import dev.approuting.core.internal.PlainSqlGuard;
import dev.approuting.core.internal.ReadRouting;
import dev.approuting.core.internal.ReaderConnectionProvider;
import dev.approuting.core.internal.WriteTracker;
import dev.approuting.core.metrics.RoutingMetrics;
import dev.approuting.core.spi.TransactionBinding;
import dev.approuting.core.support.ConnectionSource;
import dev.approuting.core.support.Connections;
import dev.approuting.core.support.Text;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.ExecuteListener;
import org.jooq.ExecuteListenerProvider;
import org.jooq.SQLDialect;
import org.jooq.TransactionProvider;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;
import org.jooq.impl.DefaultConfiguration;
import org.jooq.impl.DefaultExecuteListenerProvider;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The databases of one service: one HikariCP pool per logical database (named {@code db-{db}},
 * opened on first use) and jOOQ contexts bound to each app's database.
 *
 * <pre>{@code
 * try (RoutedDatabases dbs = RoutedDatabases.configure(registry.forService("buildsense/api"))
 *         .credentials(CredentialsSource.mountedSecrets(Path.of("/secrets"), "prod"))
 *         .open()) {
 *     dbs.transaction(AppName.of("workflow"), dsl -> dsl.insertInto(WORK_UNIT).set(...).execute());
 * }
 * }</pre>
 *
 * <p>A database that is down fails only the calls that need it, with a {@link RoutingException}
 * ({@link ErrorCode#DATABASE_UNAVAILABLE}) naming it; its pool recovers by itself when the server is
 * back. Thread-safe.
 *
 * <p>{@link Builder#connectionsFrom(Supplier)} makes a stable view over databases that change under it
 * (a test kit's fresh clones per test): its data sources and contexts stay the same objects while
 * their connections come from whichever databases the supplier returns at each use.
 *
 * <p><b>Read replicas.</b> A database whose credentials source has a reader secret
 * ({@code {namespace}-db-{db}-reader-creds}) gets a second lazy pool, {@code db-{db}-reader}. Reads ask for
 * it explicitly with {@link #reading(AppName)}; every write a thread commits advances the thread's
 * {@link ConsistencyToken}, and a read goes to the replica only when the replica has replayed up to that
 * token (exact read-your-writes), else to the writer. A read inside an open write transaction of the same
 * database stays in that transaction. See {@link ReaderSettings} for reads without a token.
 *
 * <pre>{@code
 * dbs.transaction(ORDERS, dsl -> dsl.insertInto(ORDER).set(...).execute());
 * Order o = dbs.reading(ORDERS).selectFrom(ORDER).where(...).fetchOne();   // sees the insert
 * }</pre>
 */
public final class RoutedDatabases implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RoutedDatabases.class);

    private final ServiceRouting routing;
    private final CredentialsSource credentials;
    private final PoolSettings defaults;
    private final Map<DbName, PoolSettings> perDb;
    private final Map<DbName, DataSource> connectionSources;
    private final boolean guard;
    private final boolean parsePlainSql;
    private final @Nullable TransactionBinding binding;
    private final @Nullable RoutingMetrics metrics;
    private final @Nullable Supplier<RoutedDatabases> target;
    private final ConcurrentHashMap<DbName, DataSource> forwarding = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<DbName, DatabasePool> pools = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<AppName, DSLContext> contexts = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<AppName, DSLContext> readingContexts = new ConcurrentHashMap<>();
    private final ReadRouting reads;
    private final @Nullable ScheduledExecutorService watcher;
    private volatile boolean closed;

    private RoutedDatabases(Builder builder, CredentialsSource credentials) {
        this.routing = builder.routing;
        this.credentials = credentials;
        this.defaults = builder.defaults;
        this.perDb = Map.copyOf(builder.perDb);
        this.connectionSources = Map.copyOf(builder.connectionSources);
        this.guard = builder.guard;
        this.parsePlainSql = builder.parsePlainSql;
        this.binding = builder.binding;
        this.metrics = builder.metrics;
        this.target = builder.target;
        this.reads = new ReadRouting(
                routing.service(),
                credentials,
                builder.readers,
                this::settings,
                this::pool,
                builder.readerConnectionSources);
        if (builder.credentialsCheck.isZero() || target != null) {
            this.watcher = null;
        } else {
            this.watcher = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "approuting-credentials-" + routing.service());
                t.setDaemon(true);
                return t;
            });
            long millis = builder.credentialsCheck.toMillis();
            var unused = watcher.scheduleWithFixedDelay(this::reloadQuietly, millis, millis, TimeUnit.MILLISECONDS);
        }
    }

    /** Starts configuring the databases of {@code routing}. */
    public static Builder configure(ServiceRouting routing) {
        return new Builder(routing);
    }

    /** Opens the databases of {@code routing} with default pool settings; pools open on first use. */
    public static RoutedDatabases open(ServiceRouting routing, CredentialsSource credentials) {
        return configure(routing).credentials(credentials).open();
    }

    /** Returns the routing these databases serve. */
    public ServiceRouting routing() {
        return routing;
    }

    /**
     * Returns the pooled {@link DataSource} of {@code db}, opening its pool on first use.
     *
     * @throws RoutingException with {@link ErrorCode#UNKNOWN_DATABASE} when the service does not declare
     *     {@code db}, or {@link ErrorCode#INVALID_CREDENTIALS} when its secret is missing or malformed
     */
    public DataSource dataSource(DbName db) {
        if (target != null) {
            requireDeclared(db);
            return forwarding.computeIfAbsent(db, ForwardingDataSource::new);
        }
        return pool(db).dataSource();
    }

    /**
     * Returns the pooled {@link DataSource} of the database {@code app} is routed to.
     *
     * @throws RoutingException with {@link ErrorCode#APP_NOT_ROUTED} when the service does not route the app
     */
    public DataSource dataSourceFor(AppName app) {
        return dataSource(routing.dbFor(app));
    }

    /**
     * Returns a jOOQ context bound to the database of {@code app}: unqualified tables resolve in the
     * app's schema, and a query touching tables of an app routed to another database fails before it
     * runs ({@link ErrorCode#CROSS_DATABASE_ACCESS}). Cached per app; thread-safe.
     *
     * @throws RoutingException with {@link ErrorCode#APP_NOT_ROUTED} when the service does not route the app
     */
    public DSLContext dsl(AppName app) {
        DSLContext dsl = contexts.get(app);
        return dsl != null ? dsl : contexts.computeIfAbsent(app, this::newContext);
    }

    /** Like {@link #dsl(AppName)}, by name. */
    public DSLContext dsl(String app) {
        return dsl(AppName.of(app));
    }

    /**
     * Returns a read-only jOOQ context for {@code app}: each query (or transaction) on it goes to the
     * database's reader when the reader has replayed up to this thread's {@link #token()} (or, without a
     * token, lags at most {@link ReaderSettings#maxLag()}), else to the writer. Inside an open write
     * transaction of this thread on the same database, it joins that transaction. Statements that may
     * write fail before they run ({@link ErrorCode#READ_ONLY}); the cross-app guard applies as in
     * {@link #dsl(AppName)}. Without a reader secret every read goes to the writer, so code written for
     * replicas runs unchanged where there are none. Cached per app; thread-safe.
     *
     * <pre>{@code
     * List<String> names = dbs.reading("users").select(USER.NAME).from(USER).fetch(USER.NAME);
     * }</pre>
     *
     * @throws RoutingException with {@link ErrorCode#APP_NOT_ROUTED} when the service does not route the app
     */
    public DSLContext reading(AppName app) {
        DSLContext dsl = readingContexts.get(app);
        return dsl != null ? dsl : readingContexts.computeIfAbsent(app, this::newReadingContext);
    }

    /** Like {@link #reading(AppName)}, by name. */
    public DSLContext reading(String app) {
        return reading(AppName.of(app));
    }

    /**
     * Returns this thread's consistency token: what it was given by {@link #withToken}, advanced by every
     * write it committed through {@link #dsl(AppName)} or {@link #transaction(AppName, Consumer)} on a
     * database with a reader. Put {@code token().toString()} in a cookie or header to carry it to the next
     * request.
     */
    public ConsistencyToken token() {
        return reads.token();
    }

    /**
     * Makes {@code token} this thread's token until the scope closes (which restores the one before): the
     * start of a request that carries a token from the previous one.
     *
     * <pre>{@code
     * try (TokenScope scope = dbs.withToken(ConsistencyToken.tryParse(cookie).orElse(ConsistencyToken.none()))) {
     *     ...
     * }
     * }</pre>
     */
    public TokenScope withToken(ConsistencyToken token) {
        return reads.withToken(token);
    }

    /**
     * Runs {@code work} with {@code token} as this thread's token, then restores the one before: the
     * same as {@link #withToken(ConsistencyToken)} without a scope variable. Call {@link #token()} inside
     * {@code work} for the token to hand on.
     *
     * <pre>{@code
     * String body = dbs.withToken(ConsistencyToken.tryParse(cookie).orElse(ConsistencyToken.none()), () -> {
     *     Order order = dbs.reading(ORDERS).selectFrom(ORDER).where(ORDER.ID.eq(id)).fetchOne();
     *     response.setHeader("X-Consistency", dbs.token().toString());
     *     return render(order);
     * });
     * }</pre>
     *
     * @return what {@code work} returned
     */
    public <T> T withToken(ConsistencyToken token, Supplier<T> work) {
        TokenScope scope = reads.withToken(token);
        try {
            return work.get();
        } finally {
            scope.close();
        }
    }

    /**
     * Puts the writer's current WAL position of {@code app}'s database into this thread's token, for writes
     * committed around jOOQ (JDBC on {@link #dataSourceFor(AppName)}): later reads see them.
     *
     * @throws RoutingException with {@link ErrorCode#DATABASE_UNAVAILABLE} when the writer gives no connection
     */
    public void afterWrite(AppName app) {
        reads.afterWrite(routing.dbFor(app));
    }

    /**
     * Runs {@code work} in one transaction on the database of {@code app}; commits when it returns,
     * rolls back when it throws.
     */
    public void transaction(AppName app, Consumer<DSLContext> work) {
        dsl(app).transaction(configuration -> work.accept(configuration.dsl()));
    }

    /** Like {@link #transaction(AppName, Consumer)}, by name. */
    public void transaction(String app, Consumer<DSLContext> work) {
        transaction(AppName.of(app), work);
    }

    /** Like {@link #transaction(AppName, Consumer)}, returning what {@code work} returns. */
    public <T> T transactionResult(AppName app, Function<DSLContext, T> work) {
        return dsl(app).transactionResult(configuration -> work.apply(configuration.dsl()));
    }

    /** Like {@link #transactionResult(AppName, Function)}, by name. */
    public <T> T transactionResult(String app, Function<DSLContext, T> work) {
        return transactionResult(AppName.of(app), work);
    }

    /**
     * Checks every database of the service: a fresh connection (not from the pool) answering
     * {@code SELECT 1} within the pool's validation timeout, plus the pool's state; for a database with a
     * reader, the reader the same way with its lag, replay position and read counters
     * ({@link DatabaseHealth#reader()}).
     */
    public List<DatabaseHealth> health() {
        List<DatabaseHealth> result = new ArrayList<>();
        routing.databases().forEach(db -> result.add(health(db)));
        return result;
    }

    /** Checks one database; see {@link #health()}. */
    public DatabaseHealth health(DbName db) {
        requireDeclared(db);
        if (target != null) {
            return target.get().health(db);
        }
        DbCredentials creds;
        try {
            creds = credentials.require(db);
        } catch (RoutingException e) {
            return new DatabaseHealth(db, null, false, e.getMessage(), poolState(db));
        }
        String error =
                Connections.check(creds, "approuting-health", settings(db).validationTimeout());
        ReaderHealth reader = reads.health(db, settings(db).validationTimeout()).orElse(null);
        return new DatabaseHealth(db, creds.server(), error == null, error, poolState(db), reader);
    }

    /**
     * Re-reads the secrets of the open pools; where the login changed, existing connections are
     * replaced as they are returned (new connections always read the current secret). A connection
     * that was still logging in with the old secret is replaced by the first call made twice the
     * connection timeout after it began (the background check does this by itself).
     *
     * @return the databases whose login changed
     */
    public List<DbName> reloadCredentials() {
        if (target != null) {
            return target.get().reloadCredentials();
        }
        List<DbName> changed = new ArrayList<>();
        pools.forEach((db, pool) -> {
            if (pool.reloadCredentials()) {
                changed.add(db);
            }
        });
        return changed;
    }

    /** Returns the state of the pool of {@code db} in this process (not opened yet until first used). */
    public PoolState poolState(DbName db) {
        if (target != null) {
            return target.get().poolState(db);
        }
        DatabasePool pool = pools.get(db);
        return pool == null ? PoolState.notOpened(db) : pool.state();
    }

    /**
     * Closes every pool. Calls after this fail. A view made with {@link Builder#connectionsFrom(Supplier)}
     * closes nothing of the databases it forwards to.
     */
    @Override
    public void close() {
        closed = true;
        if (watcher != null) {
            watcher.shutdownNow();
        }
        reads.close();
        pools.values().forEach(DatabasePool::close);
        pools.clear();
        contexts.clear();
        readingContexts.clear();
    }

    private void reloadQuietly() {
        try {
            reloadCredentials();
        } catch (RuntimeException e) {
            log.warn("credentials check failed for service '{}': {}", routing.service(), e.getMessage());
        }
    }

    private DSLContext newContext(AppName app) {
        DbName db = routing.dbFor(app);
        DefaultConfiguration configuration = new DefaultConfiguration();
        configuration.set(SQLDialect.POSTGRES);
        configuration.set(new Settings().withExecuteLogging(false).withRenderSchema(true));
        Supplier<DataSource> source =
                binding == null && target == null ? () -> pool(db).dataSource() : () -> dataSource(db);
        configuration.set(
                new AppConnectionProvider(routing.service(), app, db, () -> pool(db), source, binding, reads));
        WriteTracker writes = new WriteTracker(app, db, reads);
        List<ExecuteListenerProvider> listeners = new ArrayList<>();
        listeners.add(new DefaultExecuteListenerProvider(
                new ConnectionLossTranslator(routing.service(), app, db, () -> pool(db))));
        listeners.add(new DefaultExecuteListenerProvider(writes));
        guardAndTime(configuration, listeners, app, db);
        configuration.set(listeners.toArray(ExecuteListenerProvider[]::new));
        configuration.setTransactionListener(writes);
        if (binding != null) {
            TransactionProvider transactions = binding.transactionProvider(db, dataSource(db));
            if (transactions != null) {
                configuration.set(transactions);
            }
        }
        return DSL.using(configuration);
    }

    private DSLContext newReadingContext(AppName app) {
        DbName db = routing.dbFor(app);
        DefaultConfiguration configuration = new DefaultConfiguration();
        configuration.set(SQLDialect.POSTGRES);
        configuration.set(new Settings().withExecuteLogging(false).withRenderSchema(true));
        ReaderConnectionProvider connections =
                new ReaderConnectionProvider(routing.service(), app, db, reads, () -> pool(db));
        configuration.set(connections);
        List<ExecuteListenerProvider> listeners = new ArrayList<>();
        listeners.add(new DefaultExecuteListenerProvider(
                new ConnectionLossTranslator(routing.service(), app, db, () -> pool(db))));
        guardAndTime(configuration, listeners, app, db);
        // The reader's listener last: a connection lost on the replica replaces the writer's message.
        listeners.add(new DefaultExecuteListenerProvider(connections));
        configuration.set(listeners.toArray(ExecuteListenerProvider[]::new));
        return DSL.using(configuration);
    }

    /** The cross-app guard (built queries and plain SQL) and the query timer, where configured. */
    private void guardAndTime(
            DefaultConfiguration configuration, List<ExecuteListenerProvider> listeners, AppName app, DbName db) {
        if (guard) {
            CrossAppGuard crossApp = new CrossAppGuard(routing, app);
            configuration.set(crossApp);
            listeners.add(new DefaultExecuteListenerProvider(new PlainSqlGuard(crossApp, parsePlainSql)));
        }
        @Nullable ExecuteListener timer = metrics == null ? null : metrics.queryListener(routing.service(), app, db);
        if (timer != null) {
            listeners.add(new DefaultExecuteListenerProvider(timer));
        }
    }

    private DatabasePool pool(DbName db) {
        if (target != null) {
            return target.get().pool(db);
        }
        DatabasePool pool = pools.get(db);
        if (pool != null) {
            return pool;
        }
        requireDeclared(db);
        synchronized (pools) {
            if (closed) {
                throw RoutingException.forService(
                        ErrorCode.INVALID_CONFIGURATION,
                        routing.service(),
                        db,
                        "databases of service '" + routing.service() + "' are closed; database '" + db
                                + "' was asked for after close()");
            }
            return pools.computeIfAbsent(
                    db,
                    d -> new DatabasePool(
                            routing.service(),
                            d,
                            credentials,
                            settings(d),
                            connectionSources.get(d),
                            metrics == null ? null : metrics.poolTracker(routing.service(), d)));
        }
    }

    private PoolSettings settings(DbName db) {
        return perDb.getOrDefault(db, defaults);
    }

    private void requireDeclared(DbName db) {
        if (!routing.databases().contains(db)) {
            throw RoutingException.forService(
                    ErrorCode.UNKNOWN_DATABASE,
                    routing.service(),
                    db,
                    "service '" + routing.service() + "' does not declare database '" + db + "'"
                            + Text.didYouMean(
                                    db.value(),
                                    routing.databases().stream()
                                            .map(DbName::value)
                                            .toList())
                            + "; its databases are " + Text.list(routing.databases())
                            + ". Declare it for the service in the registry");
        }
    }

    /** The data source of one database of a view: each connection from the current target's pool. */
    private final class ForwardingDataSource extends ConnectionSource {
        private final DbName db;

        ForwardingDataSource(DbName db) {
            this.db = db;
        }

        @Override
        public Connection getConnection() throws SQLException {
            return pool(db).dataSource().getConnection();
        }

        @Override
        public String toString() {
            return "approuting " + db + " of service '" + routing.service() + "' (forwarding)";
        }
    }

    /** Configures {@link RoutedDatabases}; mutable, not thread-safe. */
    public static final class Builder {
        private final ServiceRouting routing;
        private final Map<DbName, PoolSettings> perDb = new HashMap<>();
        private final Map<DbName, DataSource> connectionSources = new HashMap<>();
        private final Map<DbName, DataSource> readerConnectionSources = new HashMap<>();
        private @Nullable CredentialsSource credentials;
        private PoolSettings defaults = PoolSettings.defaults();
        private Duration credentialsCheck = Duration.ofSeconds(30);
        private boolean guard = true;
        private boolean parsePlainSql;
        private @Nullable TransactionBinding binding;
        private @Nullable RoutingMetrics metrics;
        private @Nullable Supplier<RoutedDatabases> target;
        private ReaderSettings readers = ReaderSettings.defaults();

        private Builder(ServiceRouting routing) {
            this.routing = routing;
        }

        /** Sets where credentials come from (required). */
        public Builder credentials(CredentialsSource source) {
            this.credentials = source;
            return this;
        }

        /** Sets the pool settings of every database without its own. */
        public Builder poolSettings(PoolSettings settings) {
            this.defaults = settings;
            return this;
        }

        /** Sets the pool settings of one database. */
        public Builder poolSettings(DbName db, PoolSettings settings) {
            perDb.put(db, settings);
            return this;
        }

        /**
         * Makes the pool of {@code db} take its physical connections from {@code source} instead of
         * the PostgreSQL driver; HikariCP still pools them, and the credentials still name the server
         * in messages and health checks. For test kits that hand out connections of their own.
         */
        public Builder connectionSource(DbName db, DataSource source) {
            connectionSources.put(db, source);
            return this;
        }

        /**
         * Makes the reader pool of {@code db} ({@code db-{db}-reader}) take its physical connections from
         * {@code source}, as {@link #connectionSource(DbName, DataSource)} does for the writer's; the reader
         * secret still says whether the database has a reader and names its server in messages and health.
         *
         * <pre>{@code
         * RoutedDatabases.configure(routing).credentials(source)
         *         .connectionSource(SHOP, writerSource).readerConnectionSource(SHOP, readerSource).open();
         * }</pre>
         */
        public Builder readerConnectionSource(DbName db, DataSource source) {
            readerConnectionSources.put(db, source);
            return this;
        }

        /**
         * Sets how often open pools re-read their secrets to pick up a rotation (default 30 s;
         * {@link Duration#ZERO} turns the background check off, {@link RoutedDatabases#reloadCredentials()}
         * still works).
         */
        public Builder credentialsCheckInterval(Duration interval) {
            if (interval.isNegative()) {
                throw RoutingException.of(
                        ErrorCode.INVALID_CONFIGURATION, "credentialsCheckInterval must not be negative: " + interval);
            }
            this.credentialsCheck = interval;
            return this;
        }

        /**
         * Sets how {@link RoutedDatabases#reading(AppName)} uses the readers of the databases (default
         * {@link ReaderSettings#defaults()}). Which databases have a reader is up to the credentials source.
         */
        public Builder readers(ReaderSettings settings) {
            this.readers = settings;
            return this;
        }

        /**
         * Turns the cross-app guard on or off (default on). Off only for code that must read other
         * apps' tables on purpose, such as admin tooling.
         */
        public Builder crossAppGuard(boolean enabled) {
            this.guard = enabled;
            return this;
        }

        /**
         * Makes the cross-app guard parse plain SQL too (default off). The guard checks jOOQ-built queries before
         * they run; plain SQL ({@code dsl.fetch("SELECT … FROM users.user_account")}) it checks after PostgreSQL
         * refuses it, turning "relation … does not exist" for a table of an app routed to another database into
         * its {@link ErrorCode#CROSS_DATABASE_ACCESS} error. That misses a schema of the same name that exists
         * in the wrong database, where the query reads the wrong data. On, every query is parsed with jOOQ's
         * parser before it runs (a parse per query) and stopped like a jOOQ-built one; a statement the parser
         * cannot read runs unchecked.
         *
         * <pre>{@code
         * RoutedDatabases.configure(routing).credentials(source).parsePlainSql(true).open();
         * }</pre>
         */
        public Builder parsePlainSql(boolean enabled) {
            this.parsePlainSql = enabled;
            return this;
        }

        /**
         * Makes the jOOQ contexts join the transactions a framework manages: they borrow connections
         * through {@code binding}, and their {@code transaction(…)} calls use its transaction provider.
         */
        public Builder transactionBinding(TransactionBinding binding) {
            this.binding = binding;
            return this;
        }

        /** Records pool meters, query timing and migration counters into {@code metrics}. */
        public Builder metrics(RoutingMetrics metrics) {
            this.metrics = metrics;
            return this;
        }

        /**
         * Makes a view that opens no pool of its own: each connection comes from the databases
         * {@code current} returns at that moment (of the same routing), while {@code dataSource(db)} and
         * {@code dsl(app)} stay the same objects. For test kits that hand each test fresh databases under a
         * long-lived application context. Credentials, pool settings and metrics are those of the targets.
         */
        public Builder connectionsFrom(Supplier<RoutedDatabases> current) {
            this.target = current;
            return this;
        }

        /**
         * Returns the databases; no connection is made until first use.
         *
         * @throws RoutingException with {@link ErrorCode#INVALID_CONFIGURATION} when no credentials
         *     source was set or a per-database setting names a database the service lacks
         */
        public RoutedDatabases open() {
            List<String> problems = new ArrayList<>();
            CredentialsSource source = credentials;
            if (source == null && target != null) {
                source = CredentialsSource.of(Map.of());
            }
            if (source == null) {
                problems.add("no credentials source for service '" + routing.service()
                        + "': call credentials(CredentialsSource.mountedSecrets(dir, namespace)) or another source");
            }
            Set<DbName> configured = new LinkedHashSet<>(perDb.keySet());
            configured.addAll(connectionSources.keySet());
            configured.addAll(readerConnectionSources.keySet());
            for (DbName db : configured) {
                if (!routing.databases().contains(db)) {
                    problems.add("pool settings or a connection source name database '" + db + "', which service '"
                            + routing.service() + "' does not declare (its databases: "
                            + Text.list(routing.databases()) + ")");
                }
            }
            if (source == null || !problems.isEmpty()) {
                throw RoutingException.forService(
                        ErrorCode.INVALID_CONFIGURATION, routing.service(), String.join("; ", problems));
            }
            return new RoutedDatabases(this, source);
        }
    }
}
