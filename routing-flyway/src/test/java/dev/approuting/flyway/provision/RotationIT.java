package dev.approuting.flyway.provision;

import static org.assertj.core.api.Assertions.assertThat;

import dev.approuting.core.AppName;
import dev.approuting.core.CredentialsSource;
import dev.approuting.core.DbName;
import dev.approuting.core.DbRouterRegistry;
import dev.approuting.core.PerAppDbRouter;
import dev.approuting.core.PoolSettings;
import dev.approuting.core.RoutedDatabases;
import dev.approuting.flyway.internal.provision.ScramPostgres;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rotating and retiring a login role under steady load through routing-core's pools loses no query. */
class RotationIT {
    private static final DbName ORDERS = DbName.of("orders");
    private static EmbeddedPostgres pg;

    @BeforeAll
    static void start() throws Exception {
        pg = ScramPostgres.start();
    }

    @AfterAll
    static void stop() throws Exception {
        pg.close();
    }

    @Test
    void poolsUnderLoadLoseNoQueryDuringRotateAndRetire(@TempDir Path secrets) throws Exception {
        DatabaseProvisioner.connect(ScramPostgres.adminUrl(pg), "postgres", "unused")
                .apps(AppName.listOf("sales"))
                .secretsDir(secrets)
                .initDb(ORDERS, "prod");
        var routing = DbRouterRegistry.of(
                        PerAppDbRouter.forDb("orders").apps("sales").build())
                .forService("shop/api", "orders");
        AtomicInteger ok = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        Set<String> logins = ConcurrentHashMap.newKeySet();
        List<String> failures = new ArrayList<>();
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService workers = Executors.newFixedThreadPool(4);
        try (RoutedDatabases dbs = RoutedDatabases.configure(routing)
                .credentials(CredentialsSource.mountedSecrets(secrets, "prod"))
                .credentialsCheckInterval(Duration.ofMillis(100))
                .poolSettings(PoolSettings.defaults().withMaximumPoolSize(4))
                .open()) {
            DataSource ds = dbs.dataSource(ORDERS);
            List<Future<?>> running = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                running.add(workers.submit(() -> {
                    // Bounded: at most 20 000 queries per worker even if the main thread never stops us.
                    for (int n = 0; n < 20_000 && !stop.get(); n++) {
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
            await(() -> ok.get() > 200, "warm-up queries");

            DatabaseProvisioner.connect(ScramPostgres.adminUrl(pg), "postgres", "unused")
                    .secretsDir(secrets)
                    .rotate(true)
                    .initDb(ORDERS, "prod");
            await(() -> sessions("orders_prod_0001") == 0, "the pool to leave the old login role");
            // A connection opened with the old secret just before the rewrite may still log in: wait it out.
            Thread.sleep(500);
            await(() -> sessions("orders_prod_0001") == 0, "the pool to leave the old login role for good");
            int atRotation = ok.get();

            InitDbResult retired = DatabaseProvisioner.connect(ScramPostgres.adminUrl(pg), "postgres", "unused")
                    .secretsDir(secrets)
                    .retireOld(true)
                    .initDb(ORDERS, "prod");
            assertThat(retired.dropped()).containsExactly("login role orders_prod_0001 (namespace prod)");
            await(() -> ok.get() > atRotation + 500, "queries after retiring");
            stop.set(true);
            for (Future<?> f : running) {
                f.get();
            }
        } finally {
            workers.shutdownNow();
        }

        assertThat(failures).isEmpty();
        assertThat(failed.get()).isZero();
        assertThat(logins).containsExactlyInAnyOrder("orders_prod_0001", "orders_prod_0002");
        assertThat(ok.get()).isGreaterThan(700);
    }

    private static int sessions(String role) {
        try (Connection c = ScramPostgres.admin(pg, "postgres");
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

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after 20 s waiting for " + what);
            }
            Thread.sleep(20);
        }
    }
}
