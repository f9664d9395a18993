package dev.approuting.lint;

import dev.approuting.core.DbCredentials;
import dev.approuting.core.ErrorCode;
import dev.approuting.core.RoutingException;
import dev.approuting.lint.internal.LockTableCheck;
import dev.approuting.lint.internal.TypeChangeCheck;
import java.util.ArrayList;
import java.util.List;

/**
 * The linter's knowledge of PostgreSQL proven on a real server: every probed row of the lock table (the
 * lock each DDL form takes, whether it rewrites or reads the table, whether it runs in a transaction block,
 * from which major) and every column type change of the type-change matrix (rewrite or not) traced there
 * as migrations. The rules read that table and those judgements, so an empty {@link #mismatches()} means
 * the linter's lock levels and rewrite verdicts hold on that server's major.
 *
 * <pre>{@code
 * LockTableProof proof = LockTableProof.on(DbCredentials.fromJdbcUrl(url, "postgres", password));
 * proof.mismatches().forEach(System.out::println); // empty when the table holds there
 * }</pre>
 *
 * @param server the server traced on, such as {@code PostgreSQL 17.11 on localhost:5432}
 * @param major its major version
 * @param provenRows the ids of the lock table's rows the server behaved as the row says
 * @param provenTypeChanges how many type changes (and time zones) rewrote or not as judged
 * @param mismatches every row or type change the server did not behave as said, in words
 * @param unprobedRows the ids of rows without a probe (server-wide commands such as {@code DROP DATABASE}),
 *     documented only
 */
public record LockTableProof(
        String server,
        int major,
        List<String> provenRows,
        int provenTypeChanges,
        List<String> mismatches,
        List<String> unprobedRows) {

    /** Copies the values. */
    public LockTableProof {
        provenRows = List.copyOf(provenRows);
        mismatches = List.copyOf(mismatches);
        unprobedRows = List.copyOf(unprobedRows);
    }

    /**
     * Traces the lock table and the type-change matrix on the server {@code admin} points at, in scratch
     * databases it creates and drops.
     *
     * @param admin a superuser login (some probes, such as {@code CREATE ACCESS METHOD}, need one)
     * @return what held and what did not
     * @throws RoutingException ({@link ErrorCode#DATABASE_UNAVAILABLE}) when the server cannot be reached
     */
    public static LockTableProof on(DbCredentials admin) {
        LockTableCheck.Result rows = LockTableCheck.run(admin);
        TypeChangeCheck.Result types = TypeChangeCheck.traced(admin);
        List<String> mismatches = new ArrayList<>();
        rows.mismatches().forEach(m -> mismatches.add(m.toString()));
        mismatches.addAll(types.mismatches());
        return new LockTableProof(
                rows.server(), rows.major(), rows.proven(), types.proven(), mismatches, rows.unprobed());
    }
}
