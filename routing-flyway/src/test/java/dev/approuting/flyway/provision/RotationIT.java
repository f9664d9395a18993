package dev.approuting.flyway.provision;

import static org.assertj.core.api.Assertions.assertThat;

import dev.approuting.core.AppName;
import dev.approuting.core.CredentialsSource;
import dev.approuting.core.DbName;
import dev.approuting.core.DbRouterRegistry;
import dev.approuting.core.PerAppDbRouter;
import dev.approuting.core.PoolSettings;
import dev.approuting.core.RoutedDatabases;
import dev.approuting.fixtures.TestServers;
import dev.approuting.testkit.postgres.PostgresExtension;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rotating and retiring a login role under steady load through routing-core's pools loses no query.
 *
 * <p>The load runs until the test stops it (or a safety deadline far above the steps' worst case), never
 * for a fixed number of queries: a fast machine must not run out of load before the steps end. Every wait
 * is for an event, bounded by a deadline derived from the pool's own timeouts, and says what it saw.
 */
class RotationIT {
    private static final DbName ORDERS = DbName.of("orders");
    /** The pools' connection timeout (the default): a login begun with the old secret ends within it. */
    private static final Duration CONNECTION_TIMEOUT = PoolSettings.defaults().connectionTimeout();
    /** How long a step may take at most: the pool re-evicts a late old login after twice the timeout. */
    private static final Duration STEP = CONNECTION_TIMEOUT.multipliedBy(2).plusSeconds(28);
    /** The load stops by itself after this, so a hung test cannot run forever. */
    private static final Duration LOAD_LIMIT = Duration.ofMinutes(3);

    @RegisterExtension
    static final PostgresExtension pg = PostgresExtension.of(TestServers.passwordAuthentication());

    @Test
    void poolsUnderLoadLoseNoQueryDuringRotateAndRetire(@TempDir Path secrets) throws Exception {
        DatabaseProvisioner.configure(pg.jdbcUrl("postgres"), "postgres", "unused")
                .apps(AppName.listOf("sales"))
                .secretsDir(secrets)
                .load()
                .initDb(ORDERS, "prod");
        var routing = DbRouterRegistry.of(
                        PerAppDbRouter.forDb("orders").apps("sales").build())
                .forService("shop/api", "orders");
        AtomicInteger ok = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        Set<String> logins = ConcurrentHashMap.newKeySet();
        List<String> failures = new ArrayList<>();
        AtomicBoolean stop = new AtomicBoolean();
        Load load = new Load(ok, failed, failures);
        ExecutorService workers = Executors.newFixedThreadPool(4);
        try (RoutedDatabases dbs = RoutedDatabases.configure(routing)
                .credentials(CredentialsSource.mountedSecrets(secrets, "prod"))
                .credentialsCheckInterval(Duration.ofMillis(100))
                .poolSettings(PoolSettings.defaults().withMaximumPoolSize(4))
                .open()) {
            DataSource ds = dbs.dataSource(ORDERS);
            List<Future<?>> running = new ArrayList<>();
            long loadEnds = System.nanoTime() + LOAD_LIMIT.toNanos();
            for (int i = 0; i < 4; i++) {
                running.add(workers.submit(() -> {
                    // Bounded by time, not by a count: the load lasts until the steps are done.
                    while (!stop.get() && System.nanoTime() - loadEnds < 0) {
                        try (Connection c = ds.getConnection();
                                PreparedStatement ps = c.prepareStatement("SELECT session_user, current_user");
                                ResultSet rs = ps.executeQuery()) {
                            rs.next();
                            assertThat(rs.getString(2)).isEqualTo("orders_owner");
                            logins.add(rs.getString(1));
                            ok.incrementAndGet();
                        } catch (SQLException | RuntimeException | AssertionError e) {
                            failed.incrementAndGet();
                            synchronized (failures) {
                                failures.add(String.valueOf(e));
                            }
                        }
                    }
                }));
            }
            await(() -> ok.get() > 200, "warm-up queries", load);

            DatabaseProvisioner.configure(pg.jdbcUrl("postgres"), "postgres", "unused")
                    .secretsDir(secrets)
                    .rotate(true)
                    .load()
                    .initDb(ORDERS, "prod");
            long rotated = System.nanoTime();
            await(() -> sessions("orders_prod_0001") == 0, "the pool to leave the old login role", load);
            // A login begun with the old secret just before the rewrite may still join the pool; the pool
            // evicts it again once such a login could have ended (twice the connection timeout). Wait until
            // that moment has passed and the old role has no session left.
            long lateLoginsEvicted =
                    rotated + CONNECTION_TIMEOUT.multipliedBy(2).toNanos();
            await(
                    () -> System.nanoTime() - lateLoginsEvicted > 0 && sessions("orders_prod_0001") == 0,
                    "the pool to leave the old login role for good (no old login left "
                            + CONNECTION_TIMEOUT.multipliedBy(2).toMillis() + " ms after the rotation)",
                    load);
            int atRotation = ok.get();

            InitDbResult retired = DatabaseProvisioner.configure(pg.jdbcUrl("postgres"), "postgres", "unused")
                    .secretsDir(secrets)
                    .retireOld(true)
                    .load()
                    .initDb(ORDERS, "prod");
            assertThat(retired.dropped()).containsExactly("login role orders_prod_0001 (namespace prod)");
            await(() -> ok.get() > atRotation + 500, "500 more queries after retiring", load);
            stop.set(true);
            for (Future<?> f : running) {
                f.get();
            }
        } finally {
            workers.shutdownNow();
        }

        assertThat(failures).as(load.seen()).isEmpty();
        assertThat(failed.get()).as(load.seen()).isZero();
        assertThat(logins).containsExactlyInAnyOrder("orders_prod_0001", "orders_prod_0002");
        assertThat(ok.get()).isGreaterThan(700);
    }

    private static int sessions(String role) {
        try (Connection c = pg.connect("postgres");
                PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM pg_stat_activity WHERE usename = ?")) {
            ps.setString(1, role);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What the workers saw, for failure messages. */
    private record Load(AtomicInteger ok, AtomicInteger failed, List<String> failures) {
        String seen() {
            List<String> last;
            synchronized (failures) {
                last = List.copyOf(failures.subList(Math.max(0, failures.size() - 3), failures.size()));
            }
            return "the workers saw " + ok.get() + " queries succeed and " + failed.get() + " fail"
                    + (last.isEmpty() ? "" : "; the last failures: " + last);
        }
    }

    private static void await(BooleanSupplier condition, String what, Load load) throws InterruptedException {
        long deadline = System.nanoTime() + STEP.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError(
                        "timed out after " + STEP.toSeconds() + " s waiting for " + what + "; " + load.seen());
            }
            Thread.sleep(20);
        }
    }
}
