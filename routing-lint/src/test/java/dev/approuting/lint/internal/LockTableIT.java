package dev.approuting.lint.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.approuting.core.DbCredentials;
import dev.approuting.testkit.postgres.PostgresExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The lock table and the type-change matrix hold on the embedded server: every probed row traced as a
 * migration, its lock, rewrite, scan and transaction behaviour as the row says, and every type change
 * rewriting the table or not as TypeChanges judges it. The compatibility suite runs the same checks on
 * every supported major.
 */
class LockTableIT {
    @RegisterExtension
    static final PostgresExtension pg = PostgresExtension.embedded();

    private static DbCredentials admin() {
        return DbCredentials.of(pg.host(), pg.port(), pg.adminDatabase(), pg.user(), pg.password());
    }

    @Test
    void everyProbedRowHoldsOnThisServer() {
        LockTableCheck.Result result = LockTableCheck.run(admin());

        assertThat(result.mismatches())
                .as("rows that do not hold on " + result.server())
                .isEmpty();
        long applicable = LockTable.get().rows().stream()
                .filter(r -> r.probe() != null && r.holdsOn(result.major()))
                .count();
        assertThat(result.proven()).hasSizeGreaterThanOrEqualTo((int) applicable);
        assertThat(result.unprobed())
                .containsExactlyInAnyOrder(
                        "alter-table.set-tablespace",
                        "alter-index.set-tablespace",
                        "reindex-system",
                        "server-wide",
                        "drop-database");
    }

    @Test
    void everyTypeChangeOfTheMatrixRewritesOrNotAsJudged() {
        TypeChangeCheck.Result result = TypeChangeCheck.traced(admin());

        assertThat(result.mismatches())
                .as("type changes traced on " + result.server())
                .isEmpty();
        assertThat(result.proven()).isGreaterThan(TypeChangeCheck.changes().size());
    }
}
