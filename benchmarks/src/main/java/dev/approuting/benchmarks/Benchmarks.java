package dev.approuting.benchmarks;

import static dev.approuting.benchmarks.ResultTable.number;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Runs every benchmark and prints the results table (Markdown) for the README:
 *
 * <pre>{@code
 * java -jar benchmarks/target/benchmarks.jar --quick
 * java -jar benchmarks/target/benchmarks.jar --only migrate,lint --out results.md
 * }</pre>
 *
 * <p>Every figure stands next to a baseline measured in the same run, on the same embedded
 * PostgreSQL server.
 */
public final class Benchmarks {
    static final List<String> GROUPS =
            List.of("query", "lookup", "startup", "memory", "migrate", "testkit", "lint", "replica", "admin");

    private final Profile profile;
    private final PrintStream out;

    private Benchmarks(Profile profile, PrintStream out) {
        this.profile = profile;
        this.out = out;
    }

    /**
     * Runs the benchmarks.
     *
     * @param args {@code --quick} (a few minutes) or {@code --full} (the default), {@code --only
     *     group,…} (of {@value #GROUP_LIST}), {@code --out file.md} to also write the table
     */
    @SuppressWarnings("SystemOut") // the harness's output is its results
    public static void main(String[] args) {
        Profile profile = Profile.FULL;
        Set<String> groups = new LinkedHashSet<>(GROUPS);
        @Nullable Path outFile = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--quick" -> profile = Profile.QUICK;
                case "--full" -> profile = Profile.FULL;
                case "--only" -> {
                    groups = new LinkedHashSet<>(List.of(value(args, ++i).split(",", -1)));
                    groups.stream()
                            .filter(g -> !GROUPS.contains(g))
                            .findFirst()
                            .ifPresent(g -> usage("unknown group '" + g + "'"));
                }
                case "--out" -> outFile = Path.of(value(args, ++i));
                case "--help", "-h" -> {
                    System.out.println(USAGE);
                    return;
                }
                default -> usage("unknown argument '" + args[i] + "'");
            }
        }
        if (Profile.QUICK.equals(profile)) {
            // A smoke run's figures are not judged, so another run on the machine (a second CI build) must not
            // stop it; JMH refuses a second instance otherwise. A full run keeps the lock: it measures.
            System.setProperty("jmh.ignoreLock", "true");
        }
        String table = new Benchmarks(profile, System.out).run(groups);
        System.out.println();
        System.out.println(table);
        if (outFile != null) {
            try {
                Files.writeString(outFile, table, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + outFile, e);
            }
        }
        // Peers leave non-daemon threads behind (zonky's prefetching pool idles for a minute): the table is out.
        System.exit(0);
    }

    static final String GROUP_LIST = "query, lookup, startup, memory, migrate, testkit, lint, replica, admin";
    private static final String USAGE = "usage: java -jar benchmarks.jar [--quick|--full] [--only group,...]"
            + " [--out results.md]\ngroups: " + GROUP_LIST;

    private static String value(String[] args, int i) {
        if (i >= args.length) {
            usage(args[i - 1] + " needs a value");
        }
        return args[i];
    }

    @SuppressWarnings("SystemOut")
    private static void usage(String problem) {
        System.err.println(problem + "\n" + USAGE);
        System.exit(2);
    }

    private String run(Set<String> groups) {
        double loadBefore = load();
        long started = System.nanoTime();
        List<Row> rows = new ArrayList<>();
        String postgres;
        try (BenchServer server = BenchServer.start()) {
            postgres = server.version();
            for (String group : groups) {
                progress("running " + group + " (" + profile.name() + ")");
                switch (group) {
                    case "query" -> rows.addAll(query(server));
                    case "lookup" -> rows.addAll(lookup(server));
                    case "startup" -> rows.addAll(startup());
                    case "memory" -> rows.addAll(memory(server));
                    case "migrate" -> rows.addAll(migrate(server));
                    case "testkit" -> rows.addAll(TestkitRuns.run(server, profile, this::progress));
                    case "lint" -> {
                        rows.addAll(lint(server));
                        rows.addAll(LintPeerRun.run(server, profile, this::progress));
                    }
                    case "replica" -> rows.addAll(replica(server));
                    case "admin" -> rows.addAll(AdminPageRun.run(server, profile));
                    default -> throw new IllegalArgumentException(group);
                }
            }
        }
        ResultTable table = new ResultTable(List.of(
                "date: " + OffsetDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ISO_LOCAL_DATE) + ", mode: "
                        + profile.name() + ", wall time " + number(Stats.millisSince(started) / 1000, 0) + " s",
                "machine: " + Runtime.getRuntime().availableProcessors() + " cores, "
                        + System.getProperty("os.name") + " " + System.getProperty("os.arch")
                        + ", shared with other builds; load average " + number(loadBefore, 1) + " at start, "
                        + number(load(), 1) + " at end",
                "JDK: " + System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"),
                "PostgreSQL: " + postgres + " (zonky embedded, fsync off), on the same machine"));
        rows.forEach(table::add);
        return table.markdown();
    }

    private List<Row> query(BenchServer server) {
        Map<String, Jmh.Paired> s =
                Jmh.runPaired(RoutedQueryBenchmark.class, profile, server.port(), RoutedQueryBenchmark::measuredTurn);
        Jmh.Paired jooqVsJdbc = Jmh.requirePair(s, "routedJooq-vs-plainJdbc");
        Jmh.Paired jooqVsJooq = Jmh.requirePair(s, "routedJooq-vs-plainJooq");
        Jmh.Paired jdbcVsJdbc = Jmh.requirePair(s, "routedJdbc-vs-plainJdbc");
        Jmh.Paired metered = Jmh.requirePair(s, "routedJooqMetered-vs-routedJooq");
        String pairs = ", paired (" + jooqVsJooq.forks() + (jooqVsJooq.forks() == 1 ? " fork" : " forks")
                + ", the variants alternating per iteration), throughput";
        return List.of(
                pairedRow(
                        "select by PK, `dsl(app)` (jOOQ) vs one plain HikariCP pool + JDBC" + pairs,
                        jooqVsJdbc,
                        "–",
                        Row.Verdict.REPORTED),
                pairedRow(
                        "select by PK, `dsl(app)` vs plain jOOQ on a plain pool (routing's own share)" + pairs,
                        jooqVsJooq,
                        "≥ 0.95",
                        Row.Verdict.of(jooqVsJooq.ratio().ratio() >= 0.95)),
                pairedRow(
                        "select by PK, JDBC on `dataSourceFor(app)` vs JDBC on a plain HikariCP pool" + pairs,
                        jdbcVsJdbc,
                        "≥ 0.98, interval's lower bound ≥ 0.95",
                        Row.Verdict.of(jdbcVsJdbc.ratio().ratio() >= 0.98
                                && jdbcVsJdbc.ratio().low() >= 0.95)),
                pairedRow(
                        "select by PK, `dsl(app)` with `RoutingMetrics` (the Spring Boot starter's setup: pool"
                                + " meters, query timer) vs `dsl(app)` without" + pairs,
                        metered,
                        "≥ 0.98",
                        Row.Verdict.of(metered.ratio().ratio() >= 0.98)));
    }

    private static Row pairedRow(String benchmark, Jmh.Paired p, String target, Row.Verdict verdict) {
        return new Row(
                benchmark, p.measuredText(1), p.baselineText(1), p.ratio().text(3), target, verdict);
    }

    private List<Row> lookup(BenchServer server) {
        Map<String, Jmh.Score> s = Jmh.run(LookupBenchmark.class, profile, server.port(), true);
        Jmh.Score map = Jmh.require(s, "hashMapGet");
        List<Row> rows = new ArrayList<>();
        for (String method : List.of("dbFor", "dsl")) {
            Jmh.Score score = Jmh.require(s, method);
            boolean noAllocation = !(score.bytesPerOp() >= 1); // JMH reports ~0.001 B/op for none
            rows.add(new Row(
                    "`" + method + "(app)` lookup, 10 databases × 3 apps",
                    score.text(1) + ", " + number(score.bytesPerOp(), 1) + " B/op",
                    "`HashMap.get` " + map.text(1) + ", " + number(map.bytesPerOp(), 1) + " B/op",
                    number(score.best() / map.best(), 1) + "×",
                    "≤ 50 ns/op, no allocation",
                    Row.Verdict.of(score.best() <= 50 && noAllocation)));
        }
        return rows;
    }

    private List<Row> startup() {
        CoreRuns.AppCds cds = CoreRuns.appCds(profile.coldStarts());
        CoreRuns.ColdStart cold = cds.plain();
        List<Row> rows = new ArrayList<>();
        rows.add(new Row(
                "`forService` + open `RoutedDatabases`, 10 databases (lazy), first time in a fresh JVM",
                "p50 " + number(cold.p50Ms(), 1) + " ms, max " + number(cold.maxMs(), 1) + " ms (" + cold.runs()
                        + " JVMs)",
                "before it: JVM start to `main` " + number(cold.jvmToMainMs(), 0) + " ms, logging start "
                        + number(cold.loggingMs(), 0) + " ms",
                "–",
                "≤ 20 ms until first use",
                Row.Verdict.of(cold.p50Ms() <= 20)));
        rows.add(StartupRows.appCds(cds));
        int reps = profile.name().equals("quick") ? 50 : 200;
        double ten = CoreRuns.warmStartMicros(10, reps);
        for (int count : List.of(10, 100, 500)) {
            double micros = count == 10 ? ten : CoreRuns.warmStartMicros(count, reps);
            double perDbGrowth = (micros / count) / (ten / 10);
            rows.add(new Row(
                    "registry + `forService` + open, " + count + " databases (warm JVM)",
                    number(micros, 0) + " µs (" + number(micros / count, 1) + " µs per database)",
                    count == 10 ? "–" : "10 databases: " + number(ten / 10, 1) + " µs per database",
                    count == 10 ? "–" : number(perDbGrowth, 2) + "× per database",
                    "linear: per-database cost ≤ 2× that of 10",
                    count == 10 ? Row.Verdict.REPORTED : Row.Verdict.of(perDbGrowth <= 2)));
        }
        return rows;
    }

    private List<Row> memory(BenchServer server) {
        CoreRuns.PoolMemory m = CoreRuns.poolMemory(server, 20);
        return List.of(Row.reported(
                "pool memory per logical database (" + m.dbs() + " pools opened by one query each, idle)",
                number(m.heapKbPerDb(), 0) + " KiB heap, " + number(m.threadsPerDb(), 1) + " threads, "
                        + number(m.idleConnectionsPerDb(), 1) + " server connections"
                        + " (before first use: " + m.before() + " connections)"));
    }

    private List<Row> migrate(BenchServer server) {
        MigrationRuns runs = new MigrationRuns(server);
        runs.warmUp();
        List<Row> rows = new ArrayList<>();
        // Straight to the server on the same cores: what a local run costs; the round-trip rows follow.
        MigrationRuns.Timing ten = runs.measure(10, RoundTripRuns.TARGET_PARALLELISM, profile.rounds());
        rows.add(migrateRow(ten, "–", true));
        rows.addAll(RoundTripRuns.run(server, runs, profile, this::progress));
        return rows;
    }

    private static Row migrateRow(MigrationRuns.Timing t, String target, boolean met) {
        return new Row(
                "migrate-all, " + t.dbCount() + " databases × 20 migrations, parallelism " + t.parallelism()
                        + ", no added round trip (the server on the same cores)",
                number(t.migrateAllMs(), 0) + " ms (" + number(t.migrateAllMs() / t.dbCount(), 0) + " ms per database)",
                "serial Flyway loop " + number(t.serialMs(), 0) + " ms (" + number(t.serialMs() / t.dbCount(), 0)
                        + " ms per database)",
                number(t.speedup(), 2) + "×",
                target,
                target.equals("–") || target.startsWith("report") ? Row.Verdict.REPORTED : Row.Verdict.of(met));
    }

    private List<Row> replica(BenchServer server) {
        // Each fork starts its own primary and standby: a standby copies its primary's data directory.
        Map<String, Jmh.Score> s = Jmh.run(ReplicaReadBenchmark.class, profile, server.port(), false);
        Jmh.Score token = Jmh.require(s, "tokenRead");
        Jmh.Score plainReplica = Jmh.require(s, "plainReplicaJooq");
        double ratio = token.best() / plainReplica.best();
        progress("running the replica load run");
        ReplicaLoadRun.Result load = ReplicaLoadRun.run(profile, this::progress);
        return List.of(
                new Row(
                        "select by PK on a caught-up standby, `reading(app)` with a fresh token vs plain jOOQ on a"
                                + " plain pool of the standby, throughput",
                        token.text(1),
                        plainReplica.text(1),
                        number(ratio, 3),
                        "≥ 0.95",
                        Row.Verdict.of(ratio >= 0.95)),
                new Row(
                        "reads with a token under load (" + ReplicaLoadRun.CLIENTS + " clients, a write then "
                                + ReplicaLoadRun.READS_PER_WRITE + " reads, replay paused " + load.pauses()
                                + "× and resumed, maxWait " + ReplicaLoadRun.MAX_WAIT.toMillis() + " ms, "
                                + number(load.seconds(), 1) + " s): stale reads",
                        load.stale() + " stale of " + load.tokenReads() + " reads (" + load.writes() + " writes)",
                        "–",
                        "–",
                        "0",
                        Row.Verdict.of(load.stale() == 0 && load.tokenReads() > 0)),
                new Row(
                        "the same run: reads served by the standby while replay ran (from " + ReplicaLoadRun.CATCH_UP_MS
                                + " ms after a resume)",
                        number(100 * load.replicaShare(), 1) + " % of " + load.caughtUpReads() + " reads",
                        "while paused: " + load.pausedOnReplica() + " on the standby, " + load.fallbacks()
                                + " fallbacks in all; " + load.replayChecks() + " replay checks for "
                                + load.tokenReads() + " reads",
                        "–",
                        "≥ 90 %",
                        Row.Verdict.of(load.replicaShare() >= 0.9)));
    }

    private List<Row> lint(BenchServer server) {
        Map<String, Jmh.Score> s = Jmh.run(LintBenchmark.class, profile, server.port(), false);
        Jmh.Score history = Jmh.require(s, "lintHistory");
        int statements = LintBenchmark.statementsPerHistory();
        double perSecond = statements / (history.best() / 1000);
        return List.of(new Row(
                "lint (static), " + LintBenchmark.FILES + "-file history of " + statements + " statements",
                number(perSecond, 0) + " statements/s; " + history.text(1) + " per history",
                "–",
                "–",
                "≥ 5,000 statements/s",
                Row.Verdict.of(perSecond >= 5000)));
    }

    @SuppressWarnings("SystemOut") // progress goes to stderr, apart from the results
    private void progress(String message) {
        out.flush();
        System.err.println("[benchmarks] " + message);
    }

    private static double load() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }
}
