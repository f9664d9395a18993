package dev.approuting.compat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.approuting.lint.LockTableProof;
import org.junit.jupiter.api.Test;

/**
 * The linter's lock table and type-change matrix on this server: every probed row takes the lock, rewrites
 * or reads the table and runs in a transaction block or not as the row says (or is refused before the
 * major the row starts at), and every type change rewrites the table or not as the linter judges it.
 */
@Check("traced-lint")
class LockTableProofIT {

    @Test
    void theLockTableAndTheTypeChangesHoldOnThisServer(CompatibilityRun run) {
        LockTableProof proof = LockTableProof.on(run.superuser(run.server().adminDatabase()));

        assertThat(proof.major()).isEqualTo(run.major());
        assertThat(proof.mismatches())
                .as("lock table rows and type changes that do not hold on " + proof.server())
                .isEmpty();
        assertThat(proof.provenRows()).hasSizeGreaterThan(100);
        assertThat(proof.provenTypeChanges()).isGreaterThan(50);
    }
}
