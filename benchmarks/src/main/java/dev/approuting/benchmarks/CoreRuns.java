package dev.approuting.benchmarks;

import dev.approuting.core.AppName;
import dev.approuting.core.DbName;
import dev.approuting.core.DbRouterRegistry;
import dev.approuting.core.RoutedDatabases;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;

/** Timed runs of routing-core: start-up cost, its growth with the registry, memory of open pools. */
final class CoreRuns {
    private CoreRuns() {}

    /** Cold start-up of a service with 10 databases, each in a fresh JVM. */
    record ColdStart(double p50Ms, double maxMs, double jvmToMainMs, double loggingMs, int runs) {}

    static ColdStart coldStart(int runs) {
        List<Double> ms = new ArrayList<>();
        List<Double> jvm = new ArrayList<>();
        List<Double> logging = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            String[] line = ChildJvm.run(StartupProbe.class, List.of("-Xshare:auto"), List.of("10"))
                    .line(StartupProbe.PREFIX)
                    .split(" ", -1);
            ms.add(Double.parseDouble(line[0]));
            jvm.add(Double.parseDouble(line[1]));
            logging.add(Double.parseDouble(line[2]));
        }
        return new ColdStart(
                Stats.median(ms), Stats.percentile(ms, 100), Stats.median(jvm), Stats.median(logging), runs);
    }

    /** Warm start-up (registry build, routing, open) of {@code count} databases, in microseconds. */
    static double warmStartMicros(int count, int repetitions) {
        List<String> dbs = Services.dbNames("db", count);
        List<Double> samples = new ArrayList<>();
        for (int i = 0; i < repetitions * 2; i++) {
            long start = System.nanoTime();
            DbRouterRegistry registry = Services.registry(dbs);
            try (RoutedDatabases databases = Services.open(registry, Services.credentials(dbs, 5432))) {
                double micros = Stats.millisSince(start) * 1000;
                if (databases.routing().databases().size() != count) {
                    throw new IllegalStateException("expected " + count + " databases");
                }
                if (i >= repetitions) { // the first half warms up
                    samples.add(micros);
                }
            }
        }
        return Stats.median(samples);
    }

    /** Memory and server connections of open pools, per logical database. */
    record PoolMemory(int dbs, double heapKbPerDb, double threadsPerDb, double idleConnectionsPerDb, int before) {}

    static PoolMemory poolMemory(BenchServer server, int count) {
        List<String> dbs = Services.dbNames("bench_mem", count);
        server.recreate(dbs);
        DbRouterRegistry registry = Services.registry(dbs);
        try (RoutedDatabases databases = Services.open(registry, server.credentials(dbNames(dbs)))) {
            int before = connections(server);
            long heapBefore = usedHeapAfterGc();
            int threadsBefore = Thread.activeCount();
            for (String db : dbs) {
                databases.dsl(AppName.of("a_" + db)).fetchOne("SELECT 1");
            }
            long heapAfter = usedHeapAfterGc();
            int threadsAfter = Thread.activeCount();
            int after = connections(server);
            return new PoolMemory(
                    count,
                    (heapAfter - heapBefore) / 1024.0 / count,
                    (threadsAfter - threadsBefore) / (double) count,
                    (after - before) / (double) count,
                    before);
        } finally {
            server.drop(dbs);
        }
    }

    private static List<DbName> dbNames(List<String> dbs) {
        return dbs.stream().map(DbName::of).toList();
    }

    private static int connections(BenchServer server) {
        return Integer.parseInt(server.queryOne(
                "postgres",
                "SELECT count(*) FROM pg_stat_activity WHERE application_name = '" + Services.SERVICE + "'"));
    }

    private static long usedHeapAfterGc() {
        for (int i = 0; i < 4; i++) {
            System.gc();
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
