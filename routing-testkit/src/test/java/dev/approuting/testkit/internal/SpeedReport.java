package dev.approuting.testkit.internal;

import dev.approuting.core.AppName;
import dev.approuting.core.DbName;
import dev.approuting.core.ServiceRouting;
import dev.approuting.testkit.fixtures.ShopRegistry;
import dev.approuting.testkit.postgres.PostgresProvider;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Timed harness for the numbers in TESTING.md; not a test. Run with the test class path:
 *
 * <pre>{@code
 * java -cp target/test-classes:target/classes:$(cat cp.txt) dev.approuting.testkit.internal.SpeedReport all
 * java -cp ... dev.approuting.testkit.internal.SpeedReport first-test [dataDir]
 * }</pre>
 */
public final class SpeedReport {
    private SpeedReport() {}

    public static void main(String[] args) throws Exception {
        String mode = args.length == 0 ? "all" : args[0];
        if (mode.equals("first-test")) {
            firstTest(args.length > 1 ? Path.of(args[1]) : null);
            return;
        }
        SchemaMigrator migrator = FlywaySchemaMigrator.defaults();
        ServiceRouting api = ShopRegistry.REGISTRY.forService("shop/api");
        try (TestRuntime runtime = new TestRuntime(PostgresProvider.embedded(), 0, CloneStrategy.DEFAULT)) {
            Template shop = runtime.template(DbName.of("shop"), api.appsIn(DbName.of("shop")), migrator);
            for (CloneStrategy strategy : List.of(
                    CloneStrategy.WAL_LOG, CloneStrategy.FILE_COPY, CloneStrategy.WAL_LOG, CloneStrategy.FILE_COPY)) {
                List<Double> times = new ArrayList<>();
                for (int i = 0; i < 15; i++) {
                    String clone = "approuting_c_" + runtime.admin().runId() + "_speed_" + i;
                    long t = System.nanoTime();
                    runtime.admin().cloneFrom(shop.name(), clone, strategy, DbName.of("shop"));
                    times.add(ms(t));
                    runtime.admin().drop(clone, DbName.of("shop"));
                }
                print("clone one database, " + strategy, times);
            }
            onDemand(runtime, api, migrator);
            migrateFresh(runtime, api, migrator);
        }
        try (TestRuntime runtime = new TestRuntime(PostgresProvider.embedded(), 2, CloneStrategy.DEFAULT)) {
            prefetched(runtime, api, migrator);
            rollback(runtime, api, migrator);
        }
    }

    private static void onDemand(TestRuntime runtime, ServiceRouting api, SchemaMigrator migrator) {
        runtime.templates(api, migrator);
        List<Double> times = new ArrayList<>();
        for (int i = 0; i < 15; i++) {
            long t = System.nanoTime();
            try (CloneSet set = runtime.checkout(api, migrator)) {
                touchAll(set);
                times.add(ms(t));
            }
        }
        print("fresh 3-database set, made on demand, incl. first query on each", times);
    }

    private static void prefetched(TestRuntime runtime, ServiceRouting api, SchemaMigrator migrator)
            throws InterruptedException {
        runtime.templates(api, migrator);
        Thread.sleep(2000);
        List<Double> wait = new ArrayList<>();
        List<Double> total = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            long t = System.nanoTime();
            CloneSet set = runtime.checkout(api, migrator);
            wait.add(ms(t));
            touchAll(set);
            set.close();
            total.add(ms(t));
            Thread.sleep(150); // the test's own work, during which the background refills
        }
        print("fresh 3-database set, made ahead: wait for checkout", wait);
        print("fresh 3-database set, made ahead: checkout + first query on each + close", total);
    }

    private static void migrateFresh(TestRuntime runtime, ServiceRouting api, SchemaMigrator migrator) {
        List<Double> times = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            long t = System.nanoTime();
            List<String> made = new ArrayList<>();
            for (DbName db : api.databases()) {
                String name = "approuting_c_" + runtime.admin().runId() + "_migrate_" + i + "_" + db;
                runtime.admin().create(name, db);
                migrator.migrate(db, api.appsIn(db), runtime.admin().credentials(name));
                made.add(name);
            }
            times.add(ms(t));
            made.forEach(name -> runtime.admin().drop(name, DbName.of("shop")));
        }
        print("3 databases created and migrated with Flyway", times);
    }

    private static void rollback(TestRuntime runtime, ServiceRouting api, SchemaMigrator migrator) {
        List<Double> times = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            long t = System.nanoTime();
            RollbackSession session = runtime.borrowRollback(api, migrator);
            session.databases().dsl(AppName.of("orders")).execute("INSERT INTO orders (item) VALUES ('x')");
            runtime.giveBack(session, "SpeedReport");
            times.add(ms(t));
        }
        print("rollback mode: borrow + one insert + rollback", times.subList(50, times.size()));
        List<Double> overhead = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            long t = System.nanoTime();
            RollbackSession session = runtime.borrowRollback(api, migrator);
            runtime.giveBack(session, "SpeedReport");
            overhead.add(ms(t));
        }
        print("rollback mode: borrow + rollback (the testkit's share)", overhead.subList(50, overhead.size()));
    }

    private static void firstTest(@Nullable Path dataDir) {
        long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
        long t = System.currentTimeMillis();
        ServiceRouting all = ShopRegistry.REGISTRY.forService("shop/all");
        try (TestRuntime runtime =
                new TestRuntime(PostgresProvider.embedded().withDataDirectory(dataDir), 2, CloneStrategy.DEFAULT)) {
            long started = System.currentTimeMillis();
            SchemaMigrator migrator = FlywaySchemaMigrator.defaults();
            runtime.templates(all, migrator);
            long templates = System.currentTimeMillis();
            try (CloneSet set = runtime.checkout(all, migrator)) {
                long cloned = System.currentTimeMillis();
                touchAll(set);
                System.out.printf(
                        Locale.ROOT,
                        "  templates (hash, build or find) %d ms, clones %d ms, first query on each %d ms%n",
                        templates - started,
                        cloned - templates,
                        System.currentTimeMillis() - cloned);
            }
            long done = System.currentTimeMillis();
            System.out.printf(
                    Locale.ROOT,
                    "first test with 5 databases (%s): %d ms after JVM start (JVM to main %d ms, server %d ms, templates + clones + first queries %d ms)%n",
                    dataDir == null ? "throwaway data" : "data dir " + dataDir,
                    done - jvmStart,
                    t - jvmStart,
                    started - t,
                    done - started);
        }
    }

    private static void touchAll(CloneSet set) {
        for (Map.Entry<DbName, String> e : set.clones().entrySet()) {
            AppName app = set.routing().appsIn(e.getKey()).get(0);
            set.databases().dsl(app).fetchSingle("SELECT 1");
        }
    }

    private static double ms(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000.0;
    }

    private static void print(String what, List<Double> times) {
        List<Double> sorted = new ArrayList<>(times);
        Collections.sort(sorted);
        System.out.printf(
                Locale.ROOT,
                "%-75s n=%3d  p50=%8.2f ms  p95=%8.2f ms  max=%8.2f ms%n",
                what,
                sorted.size(),
                sorted.get(sorted.size() / 2),
                sorted.get((int) Math.ceil(sorted.size() * 0.95) - 1),
                sorted.get(sorted.size() - 1));
    }
}
