package dev.approuting.admin.internal;

import dev.approuting.core.PoolState;
import dev.approuting.core.ReaderHealth;
import java.time.Duration;
import java.util.List;
import java.util.function.ToDoubleFunction;
import java.util.function.ToIntFunction;
import org.jspecify.annotations.Nullable;

/**
 * Renders a {@link Snapshot} in the Prometheus text exposition format (version 0.0.4): per database
 * reachability and probe time, per app pending migrations, applied version and problems, the
 * pools this process holds, and the readers (replicas) of its databases: serving, lag, reads, fallbacks.
 *
 * <p>Label values are the registry's names ({@code db}, {@code app}) and applied versions only, never a
 * value from a secret (host, login role, password): a secret with its fields swapped cannot leak into a
 * scrape. The server of a database is on the page and in {@code /status}, not in the metrics.
 */
public final class PrometheusText {
    /** The content type of the format. */
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private static final List<PoolMetric> POOL_METRICS = List.of(
            new PoolMetric(
                    "approuting_pool_active_connections",
                    "Connections in use in this process's pool of the logical database.",
                    PoolState::active),
            new PoolMetric(
                    "approuting_pool_idle_connections",
                    "Connections open and unused in this process's pool of the logical database.",
                    PoolState::idle),
            new PoolMetric(
                    "approuting_pool_total_connections",
                    "Connections open in this process's pool of the logical database.",
                    PoolState::total),
            new PoolMetric(
                    "approuting_pool_waiting_threads",
                    "Callers waiting for a connection from this process's pool of the logical database.",
                    PoolState::waiting));

    private PrometheusText() {}

    /** Renders {@code snapshot}. */
    public static String render(Snapshot snapshot) {
        StringBuilder b = new StringBuilder(4096);
        family(b, "approuting_database_up", "Whether the logical database answered its probe (1) or not (0).");
        for (Snapshot.Database d : snapshot.databases()) {
            sample(b, "approuting_database_up", labels("db", d.db().value()), d.reachable() ? 1 : 0);
        }
        family(b, "approuting_database_probe_seconds", "How long the last probe of the logical database took.");
        for (Snapshot.Database d : snapshot.databases()) {
            sample(b, "approuting_database_probe_seconds", labels("db", d.db().value()), d.probeMillis() / 1000.0);
        }
        family(b, "approuting_migrations_pending", "Migrations not applied yet, per database and app.");
        eachKnownApp(
                snapshot,
                (d, a) -> sample(
                        b,
                        "approuting_migrations_pending",
                        labels("db", d.db().value(), "app", a.app().value()),
                        a.pending().size()));
        family(b, "approuting_migration_problems", "Failed, changed or missing migrations, per database and app.");
        eachKnownApp(
                snapshot,
                (d, a) -> sample(
                        b,
                        "approuting_migration_problems",
                        labels("db", d.db().value(), "app", a.app().value()),
                        a.problems().size()));
        family(
                b,
                "approuting_migration_lint_findings",
                "Migration linter findings on pending scripts, per database and app.");
        eachKnownApp(
                snapshot,
                (d, a) -> sample(
                        b,
                        "approuting_migration_lint_findings",
                        labels("db", d.db().value(), "app", a.app().value()),
                        a.lint().size()));
        family(b, "approuting_migration_info", "The applied version of each app in each database (always 1).");
        eachKnownApp(
                snapshot,
                (d, a) -> sample(
                        b,
                        "approuting_migration_info",
                        labels("db", d.db().value(), "app", a.app().value(), "version", orNone(a.version())),
                        1));
        pools(b, snapshot);
        readers(b, snapshot);
        return b.toString();
    }

    private static void pools(StringBuilder b, Snapshot snapshot) {
        List<Snapshot.Database> pooled =
                snapshot.databases().stream().filter(d -> open(d.pool())).toList();
        if (pooled.isEmpty()) {
            return;
        }
        for (PoolMetric metric : POOL_METRICS) {
            family(b, metric.name(), metric.help());
            for (Snapshot.Database d : pooled) {
                PoolState pool = d.pool();
                if (pool != null) {
                    sample(
                            b,
                            metric.name(),
                            labels("db", d.db().value()),
                            metric.value().applyAsInt(pool));
                }
            }
        }
    }

    private static void readers(StringBuilder b, Snapshot snapshot) {
        List<Snapshot.Database> withReader =
                snapshot.databases().stream().filter(d -> d.reader() != null).toList();
        if (withReader.isEmpty()) {
            return;
        }
        readerFamily(
                b,
                withReader,
                "approuting_replica_serving",
                "Whether reads may go to the logical database's reader (1) or go to the writer (0).",
                r -> r.serving() ? 1 : 0);
        readerFamily(
                b,
                withReader,
                "approuting_replica_lag_seconds",
                "How far the reader lagged behind the writer at its last check (absent when unknown).",
                r -> {
                    Duration lag = r.lag();
                    return lag == null ? Double.NaN : lag.toMillis() / 1000.0;
                });
        readerFamily(
                b,
                withReader,
                "approuting_replica_reads",
                "Reads served by the reader in this process since it started.",
                r -> r.replicaReads());
        readerFamily(
                b,
                withReader,
                "approuting_replica_fallbacks",
                "Reads meant for the reader that went to the writer (reader down, lagging or behind a token).",
                r -> r.fallbacks());
    }

    private static void readerFamily(
            StringBuilder b,
            List<Snapshot.Database> databases,
            String name,
            String help,
            ToDoubleFunction<ReaderHealth> value) {
        family(b, name, help);
        for (Snapshot.Database d : databases) {
            ReaderHealth reader = d.reader();
            if (reader == null) {
                continue;
            }
            double v = value.applyAsDouble(reader);
            if (!Double.isNaN(v)) {
                sample(b, name, labels("db", d.db().value()), v);
            }
        }
    }

    private static boolean open(@Nullable PoolState pool) {
        return pool != null && pool.open();
    }

    private record PoolMetric(String name, String help, ToIntFunction<PoolState> value) {}

    private interface AppSample {
        void accept(Snapshot.Database database, Snapshot.App app);
    }

    private static void eachKnownApp(Snapshot snapshot, AppSample sample) {
        for (Snapshot.Database d : snapshot.databases()) {
            for (Snapshot.App a : d.apps()) {
                if (a.known()) {
                    sample.accept(d, a);
                }
            }
        }
    }

    private static void family(StringBuilder b, String name, String help) {
        b.append("# HELP ").append(name).append(' ').append(help).append('\n');
        b.append("# TYPE ").append(name).append(" gauge\n");
    }

    private static void sample(StringBuilder b, String name, String labels, double value) {
        b.append(name).append(labels).append(' ');
        if (value == Math.rint(value)) {
            b.append((long) value);
        } else {
            b.append(value);
        }
        b.append('\n');
    }

    private static String labels(String... namesAndValues) {
        StringBuilder b = new StringBuilder("{");
        for (int i = 0; i < namesAndValues.length; i += 2) {
            if (i > 0) {
                b.append(',');
            }
            b.append(namesAndValues[i])
                    .append("=\"")
                    .append(escape(namesAndValues[i + 1]))
                    .append('"');
        }
        return b.append('}').toString();
    }

    private static String orNone(@Nullable String value) {
        return value == null ? "" : value;
    }

    /** Escapes a label value: backslash, double quote and line feed. */
    static String escape(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
