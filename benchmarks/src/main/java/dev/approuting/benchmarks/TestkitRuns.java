package dev.approuting.benchmarks;

import static dev.approuting.benchmarks.ResultTable.number;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.approuting.core.AppName;
import dev.approuting.core.DbCredentials;
import dev.approuting.core.DbName;
import dev.approuting.core.DbRouterRegistry;
import dev.approuting.core.PerAppDbRouter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.flywaydb.core.Flyway;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * Timed runs of the testkit: probe test classes run through the JUnit launcher (fresh sets,
 * rollback) on the harness's server, the baseline of creating and migrating the databases per
 * test, and JVM start to first test in child JVMs, cold and with templates kept.
 */
final class TestkitRuns {
    private static final List<String> SHOP = List.of("users", "shop", "audit");
    private static final List<String> SHOP5 = List.of("users", "shop", "audit", "catalog", "billing");
    private static final int WARM_UP_TESTS = 3;
    private static final int WORK_MS = 150;

    private TestkitRuns() {}

    static List<Row> run(BenchServer server, Profile profile, Consumer<String> progress) {
        useServer(server, profile);
        List<Row> rows = new ArrayList<>();
        progress.accept("testkit: baseline, 3 databases created and migrated per test");
        List<Double> baseline = new ArrayList<>();
        for (int i = 0; i < Math.max(5, profile.rounds() * 5); i++) {
            baseline.add(createAndMigrate(server, SHOP, "base" + i));
        }
        progress.accept("testkit: fresh sets");
        List<Double> fresh = launch(FreshSetProbe.class);
        double base50 = Stats.median(baseline);
        double fresh50 = Stats.percentile(fresh, 50);
        double fresh95 = Stats.percentile(fresh, 95);
        rows.add(new Row(
                "testkit: fresh migrated 3-database set per test (clones made ahead; " + fresh.size() + " tests, "
                        + WORK_MS + " ms work each)",
                "p50 " + number(fresh50, 1) + " ms, p95 " + number(fresh95, 1) + " ms",
                "create + migrate 3 databases (20 migrations) + first query: p50 " + number(base50, 0) + " ms",
                number(base50 / fresh50, 0) + "×",
                "≥ 30×; p50 ≤ 5 ms, p95 ≤ 15 ms",
                Row.Verdict.of(base50 / fresh50 >= 30 && fresh50 <= 5 && fresh95 <= 15)));
        progress.accept("testkit: peer, zonky's prefetching fresh databases");
        rows.add(ZonkyPeerRun.run(fresh50, profile));
        progress.accept("testkit: fresh sets, pools opened per test");
        List<Double> perTestPools;
        System.setProperty("approuting.test.reusePools", "false");
        try {
            perTestPools = launch(FreshSetProbe.class);
        } finally {
            System.clearProperty("approuting.test.reusePools");
        }
        double perTest50 = Stats.percentile(perTestPools, 50);
        rows.add(new Row(
                "testkit: fresh set as above, pools opened and closed per test (`-Dapprouting.test.reusePools=false`)",
                "p50 " + number(perTest50, 1) + " ms, p95 " + number(Stats.percentile(perTestPools, 95), 1) + " ms",
                "pools reused (the row above): p50 " + number(fresh50, 1) + " ms",
                number(perTest50 / fresh50, 1) + "× slower",
                "–",
                Row.Verdict.REPORTED));
        progress.accept("testkit: rollback");
        List<Double> rollback = launch(RollbackProbe.class);
        double rollback50 = Stats.percentile(rollback, 50);
        rows.add(new Row(
                "testkit: rollback isolation, per test (" + rollback.size() + " tests)",
                "p50 " + number(rollback50, 2) + " ms, p95 " + number(Stats.percentile(rollback, 95), 2) + " ms",
                "–",
                "–",
                "≤ 0.3 ms",
                Row.Verdict.of(rollback50 <= 0.3)));
        progress.accept("testkit: JVM start to first test, 5 databases");
        rows.addAll(firstTest(server, profile));
        return rows;
    }

    private static List<Row> firstTest(BenchServer server, Profile profile) {
        List<Double> migrate5 = new ArrayList<>();
        for (int i = 0; i < profile.rounds(); i++) {
            migrate5.add(createAndMigrate(server, SHOP5, "five" + i));
        }
        double migration = Stats.median(migrate5);
        int runs = Math.max(2, profile.coldStarts() - 2);
        List<Double> cold = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            // Cold: a throw-away data directory (developer machines keep one by default).
            cold.add(firstTestMs(List.of("-Dapprouting.test.postgres.keep=false")));
        }
        Path dataDir;
        try {
            dataDir = Files.createTempDirectory("bench-pgdata");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> keep = List.of("-Dapprouting.test.postgres.dataDir=" + dataDir.resolve("data"));
        firstTestMs(keep); // builds the templates the next runs find
        List<Double> warm = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            warm.add(firstTestMs(keep));
        }
        double cold50 = Stats.median(cold);
        double warm50 = Stats.median(warm);
        double coldTarget = 3000;
        return List.of(
                new Row(
                        "testkit: JVM start → first test, 5 databases, cold (new server, templates built; " + runs
                                + " JVMs)",
                        "p50 " + number(cold50, 0) + " ms",
                        "migrating the 5 databases alone: " + number(migration, 0) + " ms",
                        "–",
                        "≤ " + number(coldTarget, 0) + " ms",
                        Row.Verdict.of(cold50 <= coldTarget)),
                new Row(
                        "testkit: JVM start → first test, 5 databases, templates kept (data directory)",
                        "p50 " + number(warm50, 0) + " ms",
                        "cold: " + number(cold50, 0) + " ms",
                        number(cold50 / warm50, 1) + "× faster",
                        "≤ 1.2 s",
                        Row.Verdict.of(warm50 <= 1200)));
    }

    private static double firstTestMs(List<String> jvmArgs) {
        long spawned = System.currentTimeMillis();
        ChildJvm.Output out = ChildJvm.run(FirstTestMain.class, jvmArgs, List.of());
        return Long.parseLong(out.line(FirstTestProbe.PREFIX).trim()) - spawned;
    }

    /** Points the testkit of this JVM at the harness's server. */
    private static void useServer(BenchServer server, Profile profile) {
        DbCredentials admin = server.credentials("postgres");
        System.setProperty("approuting.test.postgres", "external");
        System.setProperty("approuting.test.postgres.url", admin.jdbcUrl());
        System.setProperty("approuting.test.postgres.user", admin.user());
        System.setProperty("approuting.test.postgres.password", admin.password());
        System.setProperty(ProbeClock.TESTS_PROPERTY, String.valueOf(profile.testsPerRun()));
        System.setProperty(ProbeClock.WORK_PROPERTY, String.valueOf(WORK_MS));
    }

    /**
     * Runs a probe class and returns, per test after the warm-up ones, what the testkit cost: JUnit's
     * time for the test minus the test's own work.
     */
    static List<Double> launch(Class<?> probe) {
        ProbeClock.WORK_NANOS.clear();
        Map<String, Long> started = new ConcurrentHashMap<>();
        Map<Integer, Long> total = new ConcurrentHashMap<>();
        List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
        TestExecutionListener listener = new TestExecutionListener() {
            @Override
            public void executionStarted(TestIdentifier test) {
                if (test.isTest()) {
                    started.put(test.getUniqueId(), System.nanoTime());
                }
            }

            @Override
            public void executionFinished(TestIdentifier test, TestExecutionResult result) {
                long now = System.nanoTime();
                result.getThrowable().ifPresent(failures::add);
                Long start = started.get(test.getUniqueId());
                if (test.isTest() && start != null) {
                    total.put(testNumber(test), now - start);
                }
            }
        };
        LauncherFactory.create()
                .execute(
                        LauncherDiscoveryRequestBuilder.request()
                                .selectors(selectClass(probe))
                                .build(),
                        listener);
        if (!failures.isEmpty()) {
            IllegalStateException e = new IllegalStateException(probe.getSimpleName() + " failed: " + failures.get(0));
            failures.forEach(e::addSuppressed);
            throw e;
        }
        List<Double> costs = new ArrayList<>();
        total.forEach((test, nanos) -> {
            Long work = ProbeClock.WORK_NANOS.get(test);
            if (work == null) {
                throw new IllegalStateException(probe.getSimpleName() + " test " + test + " did not note its work");
            }
            if (test >= WARM_UP_TESTS) {
                costs.add((nanos - work) / 1_000_000.0);
            }
        });
        if (costs.isEmpty()) {
            throw new IllegalStateException(probe.getSimpleName() + " ran no tests");
        }
        return costs;
    }

    private static int testNumber(TestIdentifier test) {
        String name = test.getDisplayName();
        return Integer.parseInt(name.substring(name.lastIndexOf(' ') + 1));
    }

    /**
     * The baseline: creates the databases, migrates every app with Flyway and queries each database
     * once; returns the milliseconds, then drops them.
     */
    private static double createAndMigrate(BenchServer server, List<String> dbs, String tag) {
        DbRouterRegistry registry = ShopRegistry.REGISTRY;
        List<String> made = new ArrayList<>();
        long start = System.nanoTime();
        for (String db : dbs) {
            String name = "bench_" + tag + "_" + db;
            made.add(name);
            server.execute("postgres", "CREATE DATABASE " + name);
            DbCredentials c = server.credentials(name);
            PerAppDbRouter router = registry.findRouter(DbName.of(db)).orElseThrow();
            for (AppName app : router.appsFor(registry.adminService())) {
                Flyway.configure()
                        .dataSource(c.jdbcUrl(), c.user(), c.password())
                        .schemas(app.value())
                        .defaultSchema(app.value())
                        .createSchemas(true)
                        .locations("classpath:db/migration/" + app.value())
                        .load()
                        .migrate();
            }
            try (Connection connection = DriverManager.getConnection(c.jdbcUrl(), c.user(), c.password());
                    Statement statement = connection.createStatement()) {
                statement.execute("SELECT 1");
            } catch (SQLException e) {
                throw new IllegalStateException(name + ": " + e.getMessage(), e);
            }
        }
        double ms = Stats.millisSince(start);
        server.drop(made);
        return ms;
    }
}
