package dev.approuting.benchmarks;

import static dev.approuting.benchmarks.ResultTable.number;

import dev.approuting.core.DbCredentials;
import dev.approuting.flyway.MigrateAll;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Migrate-all with the database a network round trip away: a {@link LatencyProxy} between the migrator and
 * the run's server delays each request and response, so each statement waits as it does against a server in
 * the same zone (0.5 ms), another zone (1 ms) or another region (5 ms). Every variant runs through the same
 * proxy on fresh databases, the serial Flyway loop first in each round (see {@link MigrationRuns}).
 * {@code --quick} runs 1 ms at parallelism 1 and {@value #TARGET_PARALLELISM}; {@code --full} every round trip
 * at parallelism 1, 2, 4, 8 and 16, and 50 databases at 1 ms.
 */
final class RoundTripRuns {
    /** The round trip of the target row: a server in another zone of the same region. */
    static final Duration TARGET_ROUND_TRIP = Duration.ofMillis(1);
    /** The parallelism of the target row (the default of {@link MigrateAll.Builder#parallelism(int)}). */
    static final int TARGET_PARALLELISM = MigrateAll.DEFAULT_PARALLELISM;

    private static final int DATABASES = 10;
    private static final int MANY_DATABASES = 50;
    private static final int PINGS = 200;

    private RoundTripRuns() {}

    static List<Row> run(BenchServer server, MigrationRuns runs, Profile profile, Consumer<String> progress) {
        boolean quick = profile.equals(Profile.QUICK);
        List<Duration> roundTrips = quick
                ? List.of(TARGET_ROUND_TRIP)
                : List.of(Duration.ofNanos(500_000), TARGET_ROUND_TRIP, Duration.ofMillis(5));
        List<Integer> parallelisms = quick ? List.of(1, TARGET_PARALLELISM) : List.of(1, 2, 4, 8, 16);
        List<Row> rows = new ArrayList<>();
        rows.add(pings(server, roundTrips));
        double tenPerDbAtTarget = Double.NaN;
        for (Duration roundTrip : roundTrips) {
            boolean target = roundTrip.equals(TARGET_ROUND_TRIP);
            // The target round trip gets the profile's rounds; the others one fewer (5 ms rounds are long).
            int rounds = target ? profile.rounds() : Math.max(1, profile.rounds() - 1);
            try (LatencyProxy proxy = LatencyProxy.start(server.port(), roundTrip)) {
                progress.accept("migrate-all through a " + proxy.label() + " round trip, parallelism " + parallelisms
                        + ", " + rounds + " round(s)");
                for (MigrationRuns.Timing t : runs.measure(DATABASES, parallelisms, rounds, proxy)) {
                    boolean targetRow = target && t.parallelism() == TARGET_PARALLELISM;
                    if (targetRow) {
                        tenPerDbAtTarget = t.migrateAllMs() / t.dbCount();
                    }
                    rows.add(row(t, proxy, targetRow ? "≥ 5×" : "–", targetRow && t.speedup() >= 5));
                }
            }
        }
        if (!quick) {
            try (LatencyProxy proxy = LatencyProxy.start(server.port(), TARGET_ROUND_TRIP)) {
                progress.accept(
                        "migrate-all of " + MANY_DATABASES + " databases through a " + proxy.label() + " round trip");
                MigrationRuns.Timing t = runs.measure(
                                MANY_DATABASES, List.of(TARGET_PARALLELISM), Math.max(1, profile.rounds() - 1), proxy)
                        .get(0);
                double perDb = t.migrateAllMs() / t.dbCount();
                double growth = perDb / tenPerDbAtTarget;
                rows.add(new Row(
                        name(t, proxy),
                        number(t.migrateAllMs(), 0) + " ms (" + number(perDb, 0) + " ms per database, at most "
                                + t.peakSessions() + " server sessions at once); serial loop "
                                + number(t.serialMs(), 0) + " ms, " + number(t.speedup(), 2) + "×",
                        DATABASES + " databases at parallelism " + TARGET_PARALLELISM + ": "
                                + number(tenPerDbAtTarget, 0) + " ms per database",
                        number(growth, 2) + "× per database",
                        "linear: per-database time ≤ 1.25× that of " + DATABASES,
                        Row.Verdict.of(growth <= 1.25)));
            }
        }
        return rows;
    }

    private static String name(MigrationRuns.Timing t, LatencyProxy proxy) {
        String threads = t.parallelism() > t.dbCount() ? " (" + t.dbCount() + " threads: one per database)" : "";
        return "migrate-all, " + t.dbCount() + " databases × "
                + MigrationRuns.APPS.size() * MigrationRuns.MIGRATIONS_PER_APP + " migrations, " + proxy.label()
                + " round trip ("
                + where(proxy.roundTrip()) + "), parallelism " + t.parallelism() + threads;
    }

    private static Row row(MigrationRuns.Timing t, LatencyProxy proxy, String target, boolean met) {
        return new Row(
                name(t, proxy),
                number(t.migrateAllMs(), 0) + " ms (" + number(t.migrateAllMs() / t.dbCount(), 0)
                        + " ms per database, " + number(t.migrateAllRequestsPerDb(), 0)
                        + " requests per database; at most " + t.peakSessions() + " server sessions at once)",
                "serial Flyway loop through the same proxy " + number(t.serialMs(), 0) + " ms ("
                        + number(t.serialMs() / t.dbCount(), 0) + " ms per database, "
                        + number(t.requestsPerDb(), 0) + " requests per database)",
                number(t.speedup(), 2) + "×",
                target,
                target.equals("–") ? Row.Verdict.REPORTED : Row.Verdict.of(met));
    }

    private static String where(Duration roundTrip) {
        long micros = roundTrip.toNanos() / 1000;
        return micros <= 500 ? "same zone" : micros <= 1000 ? "cross-zone" : "cross-region";
    }

    /** {@code SELECT 1} round trips direct, through the proxy at 0 ms (its own cost) and at each round trip. */
    private static Row pings(BenchServer server, List<Duration> roundTrips) {
        double direct = ping(server, server.port());
        double zero;
        try (LatencyProxy proxy = LatencyProxy.start(server.port(), Duration.ZERO)) {
            zero = ping(server, proxy.port());
        }
        StringBuilder delayed = new StringBuilder();
        for (Duration roundTrip : roundTrips) {
            try (LatencyProxy proxy = LatencyProxy.start(server.port(), roundTrip)) {
                delayed.append(delayed.length() == 0 ? "" : ", ")
                        .append("at ")
                        .append(proxy.label())
                        .append(": p50 ")
                        .append(number(ping(server, proxy.port()) / 1000, 2))
                        .append(" ms");
            }
        }
        return new Row(
                "`SELECT 1` round trip through the latency proxy (" + PINGS + " queries on one connection, p50)",
                "proxy at 0 ms: " + number(zero, 0) + " µs (its own cost: " + number(zero - direct, 0) + " µs); "
                        + delayed,
                "direct: " + number(direct, 0) + " µs",
                "–",
                "–",
                Row.Verdict.REPORTED);
    }

    /** The median of {@value #PINGS} {@code SELECT 1} on one connection through {@code port}, in microseconds. */
    private static double ping(BenchServer server, int port) {
        DbCredentials c = server.credentials("postgres", port);
        List<Double> micros = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection(c.jdbcUrl(), c.user(), c.password());
                Statement statement = connection.createStatement()) {
            for (int i = 0; i < PINGS + 20; i++) {
                long start = System.nanoTime();
                try (ResultSet rows = statement.executeQuery("SELECT 1")) {
                    rows.next();
                }
                if (i >= 20) { // the first queries warm the driver up
                    micros.add((System.nanoTime() - start) / 1000.0);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("SELECT 1 through port " + port + " failed: " + e.getMessage(), e);
        }
        return Stats.median(micros);
    }
}
