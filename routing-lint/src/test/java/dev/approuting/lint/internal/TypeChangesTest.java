package dev.approuting.lint.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** TypeChanges judges every change of the matrix as the matrix (proven on servers by TypeChangeCheck) says. */
class TypeChangesTest {

    @Test
    void everyChangeOfTheMatrixIsJudgedAsPostgresDoesIt() {
        assertThat(TypeChangeCheck.changes()).hasSizeGreaterThan(50);
        assertThat(TypeChangeCheck.judged()).isEmpty();
    }
}
