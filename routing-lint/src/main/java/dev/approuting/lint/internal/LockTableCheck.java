package dev.approuting.lint.internal;

import dev.approuting.core.DbCredentials;
import dev.approuting.core.ErrorCode;
import dev.approuting.core.RoutingException;
import dev.approuting.lint.FileTrace;
import dev.approuting.lint.FileTrace.StatementTrace;
import dev.approuting.lint.FileTrace.TableLock;
import dev.approuting.lint.internal.LockTable.Effect;
import dev.approuting.lint.internal.LockTable.Row;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Proves the {@link LockTable} on a real server with the traced run: every row's setup is applied as one
 * migration and its probe as the next (in a schema of the row's own), and what PostgreSQL did is compared
 * with the row — the lock held on the target ({@code pg_locks}), whether the target was rewritten (a new
 * relfilenode) or read in full (a sequential scan begun; an index build reads the table so), whether a
 * form PostgreSQL refuses in a transaction block is refused there and runs outside one, and whether a
 * major older than the row's refuses a form that is new there.
 *
 * <pre>{@code
 * LockTableCheck.Result result = LockTableCheck.run(admin);
 * assertThat(result.mismatches()).isEmpty();
 * }</pre>
 */
public final class LockTableCheck {
    private LockTableCheck() {}

    /**
     * A row the server did not behave as the table says.
     *
     * @param row the row's id
     * @param expected what the row says
     * @param seen what the traced run saw
     */
    public record Mismatch(String row, String expected, String seen) {
        @Override
        public String toString() {
            return row + ": expected " + expected + ", saw " + seen;
        }
    }

    /**
     * What the check found.
     *
     * @param server the server, such as {@code PostgreSQL 17.11 on localhost:5432}
     * @param major its major version
     * @param proven the ids of the rows the server behaved as said
     * @param mismatches the rows it did not
     * @param unprobed the ids of rows without a probe (server-wide commands), documented only
     */
    public record Result(
            String server, int major, List<String> proven, List<Mismatch> mismatches, List<String> unprobed) {
        /** Copies the values. */
        public Result {
            proven = List.copyOf(proven);
            mismatches = List.copyOf(mismatches);
            unprobed = List.copyOf(unprobed);
        }
    }

    /**
     * Traces every probed row on the server {@code admin} points at.
     *
     * @param admin a superuser (some setups, such as {@code CREATE ACCESS METHOD}, need one)
     * @return the rows proven and the mismatches
     * @throws RoutingException ({@link ErrorCode#DATABASE_UNAVAILABLE}) when the server cannot be reached
     */
    public static Result run(DbCredentials admin) {
        LockTable table = LockTable.get();
        Tracer.Result hello = Tracer.trace(admin, List.of(), true);
        int major = hello.majorVersion();
        List<String> proven = new ArrayList<>();
        List<Mismatch> mismatches = new ArrayList<>();
        List<String> unprobed = new ArrayList<>();
        List<Row> inTransaction = new ArrayList<>();
        for (Row row : table.rows()) {
            String probe = row.probe();
            if (probe == null) {
                unprobed.add(row.id());
            } else if (!row.holdsOn(major)) {
                boolean newSyntax =
                        major < row.since() && table.sameForm(row).stream().noneMatch(r -> r.holdsOn(major));
                if (newSyntax) {
                    String error = traceOne(admin, row, probe, true).error();
                    record(
                            row,
                            "refused before PostgreSQL " + row.since(),
                            error == null ? "PostgreSQL " + major + " accepted it" : null,
                            proven,
                            mismatches);
                }
            } else if (!row.inTransaction()) {
                Traced inside = traceOne(admin, row, probe, true);
                Traced outside = traceOne(admin, row, probe, false);
                String error = inside.error();
                String seen;
                if (error == null || !error.contains("SQLState 25001")) {
                    seen = "in a transaction: " + (error == null ? "it ran" : error);
                } else {
                    seen = outside.error() == null ? null : "outside a transaction: " + outside.error();
                }
                record(row, "refused in a transaction block (25001), run outside one", seen, proven, mismatches);
            } else {
                inTransaction.add(row);
            }
        }
        for (Map.Entry<Row, Traced> e : traceAll(admin, inTransaction).entrySet()) {
            Row row = e.getKey();
            Traced t = e.getValue();
            String target = row.target();
            String expected = target == null ? "to run" : row.lock() + ", " + name(effectSeen(row.effect()));
            List<StatementTrace> statements = t.probe();
            if (t.error() != null || statements == null) {
                record(row, expected, String.valueOf(t.error()), proven, mismatches);
                continue;
            }
            String observed = target == null ? "to run" : observe(statements, t.schema() + "." + target);
            record(row, expected, observed.equals(expected) ? null : observed, proven, mismatches);
        }
        return new Result(hello.server(), major, proven, mismatches, unprobed);
    }

    private static void record(
            Row row, String expected, @Nullable String seen, List<String> proven, List<Mismatch> mismatches) {
        if (seen == null) {
            proven.add(row.id());
        } else {
            mismatches.add(new Mismatch(row.id(), expected, seen));
        }
    }

    /** An index build shows as a read of every row: the trace sees the scan, not the build. */
    private static Effect effectSeen(Effect effect) {
        return effect == Effect.BUILD ? Effect.SCAN : effect;
    }

    private static String name(Effect effect) {
        return effect.name().toLowerCase(Locale.ROOT);
    }

    /** The probe's statements merged: strongest lock on the target, and what it did to the target's rows. */
    private static String observe(List<StatementTrace> statements, String qualified) {
        String lock = "none";
        boolean rewritten = false;
        boolean scanned = false;
        for (StatementTrace st : statements) {
            for (TableLock l : st.locks()) {
                if (l.table().equals(qualified) && TableLock.strength(l.mode()) > TableLock.strength(lock)) {
                    lock = l.mode();
                }
            }
            rewritten |= st.rewritten().contains(qualified);
            scanned |= st.scanned().contains(qualified);
        }
        return lock + ", " + name(rewritten ? Effect.REWRITE : scanned ? Effect.SCAN : Effect.NONE);
    }

    /**
     * The traced probe of a row.
     *
     * @param schema the schema it ran in
     * @param probe its statements, or null when it did not run
     * @param error PostgreSQL's error, or null
     */
    private record Traced(
            String schema,
            @Nullable List<StatementTrace> probe,
            @Nullable String error) {}

    private static LintEngine engine() {
        return new LintEngine(new LintSettings(13, false, true, false, false, Set.of(), Map.of(), List.of(), null));
    }

    /** Traces many rows in one scratch database, each in a schema of its own; rows after a failure alone. */
    private static Map<Row, Traced> traceAll(DbCredentials admin, List<Row> rows) {
        Map<Row, Traced> traced = new LinkedHashMap<>();
        List<Tracer.Input> inputs = new ArrayList<>();
        List<Integer> probeAt = new ArrayList<>();
        LintEngine engine = engine();
        for (int i = 0; i < rows.size(); i++) {
            Row row = rows.get(i);
            String schema = "p" + i;
            String setup = row.setup();
            if (setup != null) {
                inputs.add(new Tracer.Input(engine.lintFile("V1__setup.sql", schema, setup, true), schema));
            }
            probeAt.add(inputs.size());
            inputs.add(new Tracer.Input(
                    engine.lintFile("V2__probe.sql", schema, Objects.requireNonNull(row.probe()), true), schema));
        }
        List<@Nullable FileTrace> traces = Tracer.trace(admin, inputs, true).traces();
        for (int i = 0; i < rows.size(); i++) {
            Row row = rows.get(i);
            int at = probeAt.get(i);
            FileTrace probe = traces.get(at);
            FileTrace setup = row.setup() == null ? null : traces.get(at - 1);
            if (probe == null || probe.error() != null || (setup != null && setup.error() != null)) {
                traced.put(row, traceOne(admin, row, Objects.requireNonNull(row.probe()), true));
            } else {
                traced.put(row, new Traced("p" + i, probe.statements(), null));
            }
        }
        return traced;
    }

    private static Traced traceOne(DbCredentials admin, Row row, String probe, boolean inTransaction) {
        String schema = "probe";
        LintEngine engine = engine();
        List<Tracer.Input> inputs = new ArrayList<>();
        String setup = row.setup();
        if (setup != null) {
            inputs.add(new Tracer.Input(engine.lintFile("V1__setup.sql", schema, setup, true), schema));
        }
        inputs.add(new Tracer.Input(engine.lintFile("V2__probe.sql", schema, probe, inTransaction), schema));
        List<@Nullable FileTrace> traces = Tracer.trace(admin, inputs, true).traces();
        for (int i = 0; i < traces.size(); i++) {
            FileTrace trace = traces.get(i);
            if (trace != null && trace.error() != null) {
                String error = Objects.requireNonNull(trace.error());
                boolean setupFailed = inputs.size() > 1 && i == 0;
                return new Traced(schema, null, setupFailed ? "setup failed: " + error : error);
            }
        }
        FileTrace probed = traces.get(inputs.size() - 1);
        return new Traced(schema, probed == null ? null : probed.statements(), null);
    }
}
