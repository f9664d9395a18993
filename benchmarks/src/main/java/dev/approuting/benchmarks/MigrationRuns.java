package dev.approuting.benchmarks;

import dev.approuting.core.DbCredentials;
import dev.approuting.core.DbName;
import dev.approuting.core.DbRouterRegistry;
import dev.approuting.core.PerAppDbRouter;
import dev.approuting.flyway.MigrateAll;
import dev.approuting.flyway.MigrateAllReport;
import dev.approuting.flyway.MigrationConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.jspecify.annotations.Nullable;

/**
 * Timed migrate-all runs: {@code dbCount} databases × 2 apps × 10 migrations (a table, an index and
 * 200 rows each), by {@link MigrateAll} against plain Flyway in a serial loop, one database after
 * the other (what a hand-written migrate-all does). Each variant gets fresh databases; rounds
 * alternate the variants so load from other processes hits both alike.
 */
final class MigrationRuns {
    static final List<String> APPS = List.of("ledger", "orders");
    static final int MIGRATIONS_PER_APP = 10;

    private final BenchServer server;
    private final Path scripts;

    MigrationRuns(BenchServer server) {
        this.server = server;
        this.scripts = writeScripts();
    }

    /**
     * The figures of one database count, in milliseconds (medians over the rounds).
     *
     * @param requestsPerDb chunks the serial loop sent to the server per database through the proxy (each
     *     waits one round trip), or 0 without a proxy
     * @param peakSessions the most connections migrate-all held open at once through the proxy, or 0 without one
     * @param migrateAllRequestsPerDb the same as {@code requestsPerDb}, for migrate-all
     */
    record Timing(
            int dbCount,
            double serialMs,
            double migrateAllMs,
            int parallelism,
            double requestsPerDb,
            int peakSessions,
            double migrateAllRequestsPerDb) {
        double speedup() {
            return serialMs / migrateAllMs;
        }
    }

    /** Runs {@code rounds} rounds of the serial loop and of migrate-all with {@code parallelism}. */
    Timing measure(int dbCount, int parallelism, int rounds) {
        return measure(dbCount, List.of(parallelism), rounds, null).get(0);
    }

    /**
     * Runs {@code rounds} rounds, each of the serial loop then migrate-all at each of {@code parallelisms}, all
     * through {@code via} when given (else straight to the server); returns one timing per parallelism, each
     * against the same serial loop.
     */
    List<Timing> measure(int dbCount, List<Integer> parallelisms, int rounds, @Nullable LatencyProxy via) {
        int port = via == null ? server.port() : via.port();
        List<Double> serial = new ArrayList<>();
        List<Double> requests = new ArrayList<>();
        List<List<Double>> parallel = new ArrayList<>();
        int[] peaks = new int[parallelisms.size()];
        double[] parallelRequests = new double[parallelisms.size()];
        parallelisms.forEach(p -> parallel.add(new ArrayList<>()));
        String tag = via == null ? "" : "x" + via.roundTrip().toNanos() / 100_000;
        for (int round = 1; round <= rounds; round++) {
            long before = via == null ? 0 : via.requests();
            serial.add(serialLoop(names("s" + dbCount + tag + "r" + round, dbCount), port));
            requests.add(via == null ? 0.0 : (via.requests() - before) / (double) dbCount);
            for (int i = 0; i < parallelisms.size(); i++) {
                int p = parallelisms.get(i);
                long requestsBefore = via == null ? 0 : via.requests();
                if (via != null) {
                    via.takePeak();
                }
                parallel.get(i).add(migrateAll(names("p" + dbCount + tag + "n" + p + "r" + round, dbCount), p, port));
                peaks[i] = Math.max(peaks[i], via == null ? 0 : via.takePeak());
                parallelRequests[i] = via == null ? 0 : (via.requests() - requestsBefore) / (double) dbCount;
            }
        }
        List<Timing> timings = new ArrayList<>();
        for (int i = 0; i < parallelisms.size(); i++) {
            timings.add(new Timing(
                    dbCount,
                    Stats.median(serial),
                    Stats.median(parallel.get(i)),
                    parallelisms.get(i),
                    Stats.median(requests),
                    peaks[i],
                    parallelRequests[i]));
        }
        return timings;
    }

    /** Warms Flyway, the driver and the server up on two databases, untimed. */
    void warmUp() {
        serialLoop(names("warm_s", 2), server.port());
        migrateAll(names("warm_p", 2), 2, server.port());
    }

    private double serialLoop(List<String> dbs, int port) {
        server.recreate(dbs);
        long start = System.nanoTime();
        int applied = 0;
        for (String db : dbs) {
            DbCredentials c = server.credentials(db, port);
            for (String app : APPS) {
                MigrateResult result = Flyway.configure()
                        .dataSource(c.jdbcUrl(), c.user(), c.password())
                        .schemas(app)
                        .defaultSchema(app)
                        .createSchemas(true)
                        .locations("filesystem:" + scripts.resolve(app))
                        .load()
                        .migrate();
                applied += result.migrationsExecuted;
            }
        }
        double ms = Stats.millisSince(start);
        check("serial Flyway loop", applied, dbs.size());
        server.drop(dbs);
        return ms;
    }

    private double migrateAll(List<String> dbs, int parallelism, int port) {
        server.recreate(dbs);
        DbRouterRegistry.Builder builder = DbRouterRegistry.builder();
        List<DbName> names = new ArrayList<>();
        for (String db : dbs) {
            names.add(DbName.of(db));
            builder.router(
                    PerAppDbRouter.forDb(db).apps(APPS.toArray(String[]::new)).build());
        }
        MigrationConfig config = MigrationConfig.builder()
                .defaults(s -> s.locations("filesystem:" + scripts + "/{app}"))
                .build();
        long start = System.nanoTime();
        MigrateAllReport report = MigrateAll.configure(builder.build())
                .credentials(server.credentials(names, port))
                .config(config)
                .parallelism(parallelism)
                .load()
                .run();
        double ms = Stats.millisSince(start);
        if (!report.success()) {
            throw new IllegalStateException("migrate-all failed: " + report.failures());
        }
        check("migrate-all", report.appliedCount(), dbs.size());
        server.drop(dbs);
        return ms;
    }

    private static void check(String what, int applied, int dbCount) {
        int expected = dbCount * APPS.size() * MIGRATIONS_PER_APP;
        if (applied != expected) {
            throw new IllegalStateException(what + " applied " + applied + " migrations, expected " + expected);
        }
    }

    private static List<String> names(String prefix, int count) {
        List<String> names = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            names.add("bench_" + prefix + "_" + i);
        }
        return names;
    }

    private static Path writeScripts() {
        try {
            Path root = Files.createTempDirectory("bench-migrations");
            for (String app : APPS) {
                Path dir = Files.createDirectories(root.resolve(app));
                for (int v = 1; v <= MIGRATIONS_PER_APP; v++) {
                    Files.writeString(
                            dir.resolve("V" + v + "__step_" + v + ".sql"),
                            "CREATE TABLE t" + v
                                    + " (id bigint PRIMARY KEY, name text NOT NULL, at timestamptz DEFAULT now());\n"
                                    + "CREATE INDEX t" + v + "_name ON t" + v + " (name);\n"
                                    + "INSERT INTO t" + v
                                    + " (id, name) SELECT g, 'n' || g FROM generate_series(1, 200) g;\n");
                }
            }
            return root;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the benchmark migrations", e);
        }
    }
}
