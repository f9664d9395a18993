package dev.approuting.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which statements jOOQ calls reads really are: the rest advance the thread's consistency token. */
class WriteTrackerTest {
    @Test
    void readsByTheirFirstWord() {
        assertThat(WriteTracker.startsAsRead("SELECT 1")).isTrue();
        assertThat(WriteTracker.startsAsRead("  /* hint */ -- note\n (select id from t) union (select 2)"))
                .isTrue();
        assertThat(WriteTracker.startsAsRead("values (1)")).isTrue();
        assertThat(WriteTracker.startsAsRead("SHOW search_path")).isTrue();
        assertThat(WriteTracker.startsAsRead("EXPLAIN SELECT 1")).isTrue();
    }

    @Test
    void writesThatJooqFetchesAreNotReads() {
        assertThat(WriteTracker.startsAsRead("INSERT INTO t VALUES (1) RETURNING id"))
                .isFalse();
        assertThat(WriteTracker.startsAsRead("with x as (insert into t values (1) returning id) select * from x"))
                .isFalse();
        assertThat(WriteTracker.startsAsRead("UPDATE t SET a = 1 RETURNING a")).isFalse();
        assertThat(WriteTracker.startsAsRead("explain analyze delete from t")).isFalse();
        assertThat(WriteTracker.startsAsRead(null)).isFalse();
        assertThat(WriteTracker.startsAsRead("")).isFalse();
    }
}
