package dev.approuting.benchmarks;

import dev.approuting.core.AppName;
import dev.approuting.core.DbName;
import dev.approuting.core.DbRouterRegistry;
import dev.approuting.core.RoutedDatabases;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Timed runs of routing-core: start-up cost, its growth with the registry, memory of open pools. */
final class CoreRuns {
    private CoreRuns() {}

    /** Cold start-up of a service with 10 databases, each in a fresh JVM. */
    record ColdStart(double p50Ms, double maxMs, double jvmToMainMs, double loggingMs, int runs) {}

    static ColdStart coldStart(int runs) {
        return probeStarts(List.of("-Xshare:auto"), runs);
    }

    /**
     * Cold starts as {@link #coldStart}, in JVMs with and without an AppCDS archive of the probe (its
     * classes as a service loads them), alternating; the archive is made by one training run with
     * {@code -XX:ArchiveClassesAtExit}, as a service would make it at build or first start.
     *
     * @param plain the cold start without the archive
     * @param archived the cold start with it
     * @param plainWallMs the median wall time of a whole probe process without the archive, seen from here
     * @param archivedWallMs the same with the archive
     * @param archiveKb the archive's size
     */
    record AppCds(ColdStart plain, ColdStart archived, double plainWallMs, double archivedWallMs, long archiveKb) {}

    static AppCds appCds(int runs) {
        Path dir;
        try {
            dir = Files.createTempDirectory("approuting-appcds");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a directory for the AppCDS archive", e);
        }
        Path archive = dir.resolve("startup-probe.jsa");
        try {
            ChildJvm.run(StartupProbe.class, List.of("-XX:ArchiveClassesAtExit=" + archive), List.of("10"));
            if (!Files.isRegularFile(archive)) {
                throw new IllegalStateException("the training run wrote no AppCDS archive at " + archive);
            }
            long kb = Files.size(archive) / 1024;
            List<List<String>> plain = new ArrayList<>();
            List<List<String>> archived = new ArrayList<>();
            List<Double> plainWall = new ArrayList<>();
            List<Double> archivedWall = new ArrayList<>();
            for (int i = 0; i < runs; i++) {
                ChildJvm.Output p = ChildJvm.run(StartupProbe.class, List.of("-Xshare:auto"), List.of("10"));
                ChildJvm.Output a = ChildJvm.run(
                        StartupProbe.class, List.of("-XX:SharedArchiveFile=" + archive, "-Xshare:on"), List.of("10"));
                plain.add(List.of(p.line(StartupProbe.PREFIX).split(" ", -1)));
                archived.add(List.of(a.line(StartupProbe.PREFIX).split(" ", -1)));
                plainWall.add(p.wallMs());
                archivedWall.add(a.wallMs());
            }
            return new AppCds(
                    coldStart(plain), coldStart(archived), Stats.median(plainWall), Stats.median(archivedWall), kb);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the AppCDS archive " + archive, e);
        } finally {
            try {
                Files.deleteIfExists(archive);
                Files.deleteIfExists(dir);
            } catch (IOException e) {
                // a leftover archive in the temporary directory is harmless
            }
        }
    }

    /** The probe's cold start in {@code runs} fresh JVMs with {@code jvmArgs}. */
    private static ColdStart probeStarts(List<String> jvmArgs, int runs) {
        List<List<String>> lines = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            lines.add(List.of(ChildJvm.run(StartupProbe.class, jvmArgs, List.of("10"))
                    .line(StartupProbe.PREFIX)
                    .split(" ", -1)));
        }
        return coldStart(lines);
    }

    /** The cold start from the probe's lines: {@code <ms until ready> <ms JVM start to main> <ms logging>}. */
    private static ColdStart coldStart(List<List<String>> lines) {
        List<Double> ms = new ArrayList<>();
        List<Double> jvm = new ArrayList<>();
        List<Double> logging = new ArrayList<>();
        for (List<String> line : lines) {
            ms.add(Double.parseDouble(line.get(0)));
            jvm.add(Double.parseDouble(line.get(1)));
            logging.add(Double.parseDouble(line.get(2)));
        }
        return new ColdStart(
                Stats.median(ms), Stats.percentile(ms, 100), Stats.median(jvm), Stats.median(logging), lines.size());
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
