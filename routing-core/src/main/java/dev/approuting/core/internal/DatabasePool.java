package dev.approuting.core.internal;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import com.zaxxer.hikari.metrics.MetricsTrackerFactory;
import com.zaxxer.hikari.util.Credentials;
import dev.approuting.core.AwsWrapper;
import dev.approuting.core.CredentialsSource;
import dev.approuting.core.DbCredentials;
import dev.approuting.core.DbName;
import dev.approuting.core.PoolSettings;
import dev.approuting.core.PoolState;
import dev.approuting.core.RoutingException;
import dev.approuting.core.ServiceName;
import dev.approuting.core.SslMode;
import dev.approuting.core.support.Connections;
import dev.approuting.core.support.Sql;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HikariCP pool of one logical database. New connections read the credentials source each
 * time, so a rotated secret reaches them; {@link #reloadCredentials()} replaces existing connections.
 *
 * <p>A connection that was logging in with the old secret when the change was seen joins the pool
 * after the eviction; the first reload after its login could have finished (twice the connection
 * timeout) evicts again, so no connection keeps the old login until its maximum lifetime.
 */
public final class DatabasePool implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(DatabasePool.class);

    /** Reads the current credentials of a pool: the writer's or the reader's secret of a database. */
    @FunctionalInterface
    public interface Lookup {
        /**
         * Returns the credentials.
         *
         * @throws RoutingException when they are missing or malformed
         */
        DbCredentials require();
    }

    private final DbName db;
    private final String name;
    private final Lookup source;
    private volatile DbCredentials current;
    private final HikariDataSource dataSource;
    private final long loginWindowNanos;
    /** When the pool last handed each login to a connection being opened ({@code System.nanoTime()}). */
    private final Map<String, Long> loginsHandedOut = new ConcurrentHashMap<>();
    /** A login begun with an old secret that may still join the pool, or {@code null}. */
    private volatile @Nullable StaleLogin staleLogin;

    /** Connections that logged in as {@code user} are evicted again from {@code at} ({@code System.nanoTime()}). */
    private record StaleLogin(String user, long at) {}

    /**
     * Creates the pool; it connects on first use, through {@code connections} when given, else
     * through the PostgreSQL driver; {@code metrics}, when given, records its meters.
     *
     * @throws RoutingException when the credentials are missing or malformed
     */
    public DatabasePool(
            ServiceName service,
            DbName db,
            CredentialsSource source,
            PoolSettings settings,
            @Nullable DataSource connections,
            @Nullable MetricsTrackerFactory metrics) {
        this(service, db, poolName(db), () -> source.require(db), settings, connections, metrics);
    }

    /**
     * Creates a pool named {@code name} over the credentials {@code source} reads, such as a reader's.
     *
     * @throws RoutingException when the credentials are missing or malformed
     */
    public DatabasePool(
            ServiceName service,
            DbName db,
            String name,
            Lookup source,
            PoolSettings settings,
            @Nullable DataSource connections,
            @Nullable MetricsTrackerFactory metrics) {
        this.db = db;
        this.name = name;
        this.source = source;
        DbCredentials credentials = source.require();
        this.current = credentials;
        HikariConfig config = new HikariConfig();
        config.setPoolName(name);
        AwsWrapper wrapper = settings.awsWrapper();
        if (connections != null) {
            config.setDataSource(connections);
            if (wrapper != null) {
                log.info(
                        "{}: pool {} takes its connections from a given connection source, not the AWS wrapper",
                        db,
                        name);
            }
        } else if (wrapper != null) {
            WrapperPools.configure(config, db, credentials, wrapper);
        } else {
            config.setJdbcUrl(credentials.jdbcUrl());
        }
        config.setCredentialsProvider(this::freshCredentials);
        settings.applyTo(config);
        config.setInitializationFailTimeout(-1);
        if (metrics != null) {
            config.setMetricsTrackerFactory(metrics);
        }
        // The same driver properties as Connections.open: timeouts, application name and TLS.
        Connections.driverProperties(credentials, settings.connectOptions(service.value()))
                .forEach((key, value) -> config.addDataSourceProperty(String.valueOf(key), value));
        SslMode ssl = credentials.effectiveSslMode();
        if (connections == null && ssl.allowsPlainText() && !SslMode.isLoopback(credentials.host())) {
            log.warn(
                    "{}: pool {} connects to {} with sslmode={}: traffic may be plain text; set \"sslmode\":"
                            + " \"verify-full\" in the secret",
                    db,
                    name,
                    credentials.server(),
                    ssl);
        }
        String role = credentials.setRole();
        if (role != null) {
            config.setConnectionInitSql("SET ROLE " + Sql.ident(role));
        }
        this.loginWindowNanos = 2 * settings.connectionTimeout().toNanos();
        this.dataSource = new HikariDataSource(config);
        log.info(
                "{}: pool {} opened for service '{}' on {} (max {} connections{}{})",
                db,
                name,
                service,
                credentials.server(),
                settings.maximumPoolSize(),
                role == null ? "" : ", SET ROLE " + role,
                connections != null || wrapper == null
                        ? ""
                        : ", through " + WrapperPools.describe(wrapper, credentials));
    }

    /** Returns {@code db-{db}}. */
    public static String poolName(DbName db) {
        return "db-" + db;
    }

    public DbName db() {
        return db;
    }

    /** Returns the pool's name, {@code db-{db}} or {@code db-{db}-reader}. */
    public String name() {
        return name;
    }

    public HikariDataSource dataSource() {
        return dataSource;
    }

    /** Returns the credentials the pool applied last (new connections re-read the source). */
    public DbCredentials credentials() {
        return current;
    }

    /** Returns HikariCP's counters of the pool. */
    public PoolState state() {
        HikariPoolMXBean pool = dataSource.getHikariPoolMXBean();
        if (pool == null) {
            return new PoolState(name, false, 0, 0, 0, 0);
        }
        return new PoolState(
                name,
                true,
                pool.getTotalConnections(),
                pool.getActiveConnections(),
                pool.getIdleConnections(),
                pool.getThreadsAwaitingConnection());
    }

    /**
     * Re-reads the secret; when the login changed, open connections are replaced as they come back.
     *
     * @return whether the login changed
     */
    public boolean reloadCredentials() {
        DbCredentials before = current;
        DbCredentials after = readOrKeep();
        if (after.user().equals(before.user()) && after.password().equals(before.password())) {
            StaleLogin stale = staleLogin;
            if (stale != null && System.nanoTime() - stale.at() >= 0) {
                staleLogin = null;
                softEvict();
                log.info("{}: replacing connections that logged in as {} while the login changed", db, stale.user());
            }
            return false;
        }
        current = after;
        if (!after.jdbcUrl().equals(before.jdbcUrl())) {
            log.warn(
                    "{}: the secret now points at {} but the pool keeps {}: restart the service to move servers",
                    db,
                    after.jdbcUrl(),
                    before.jdbcUrl());
        }
        long now = System.nanoTime();
        StaleLogin latest = staleLogin;
        for (Map.Entry<String, Long> login : loginsHandedOut.entrySet()) {
            long evictAt = login.getValue() + loginWindowNanos;
            if (!login.getKey().equals(after.user())
                    && evictAt - now > 0
                    && (latest == null || evictAt - latest.at() > 0)) {
                latest = new StaleLogin(login.getKey(), evictAt);
            }
        }
        staleLogin = latest;
        loginsHandedOut.keySet().removeIf(user -> !user.equals(after.user()));
        softEvict();
        log.info("{}: credentials changed (login {} -> {}); replacing connections", db, before.user(), after.user());
        return true;
    }

    private void softEvict() {
        HikariPoolMXBean pool = dataSource.getHikariPoolMXBean();
        if (pool != null) {
            pool.softEvictConnections();
        }
    }

    private Credentials freshCredentials() {
        DbCredentials credentials = readOrKeep();
        loginsHandedOut.put(credentials.user(), System.nanoTime());
        return Credentials.of(credentials.user(), credentials.password());
    }

    private DbCredentials readOrKeep() {
        try {
            return source.require();
        } catch (RoutingException e) {
            log.warn("{}: keeping the last good credentials: {}", db, e.getMessage());
            return current;
        }
    }

    @Override
    public void close() {
        dataSource.close();
        log.info("{}: pool {} closed", db, name);
    }
}
