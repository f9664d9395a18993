package dev.approuting.testkit.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PostgresStandbyIT {
    private static final Duration REPLAY = Duration.ofSeconds(30);

    @RegisterExtension
    static final PostgresExtension pg = PostgresExtension.embedded();

    private static PostgresStandby standby;

    @BeforeAll
    static void startStandby() {
        pg.execute("postgres", "CREATE DATABASE shop");
        pg.execute("shop", "CREATE TABLE item (id int PRIMARY KEY)");
        standby = pg.startStandby();
    }

    @AfterAll
    static void closeStandby() {
        standby.close();
        assertThat(pg.column("postgres", "SELECT count(*) FROM pg_replication_slots"))
                .as("the standby's slot is dropped with it")
                .containsExactly("0");
    }

    @Test
    @Order(1)
    void replaysWhatThePrimaryWritesAndRefusesWrites() {
        pg.execute("shop", "INSERT INTO item VALUES (1)");
        standby.awaitReplay(REPLAY);

        assertThat(standby.column("shop", "SELECT id FROM item")).containsExactly("1");
        assertThat(standby.column("shop", "SELECT pg_is_in_recovery()")).containsExactly("t");
        assertThatThrownBy(() -> standby.execute("shop", "INSERT INTO item VALUES (2)"))
                .hasMessageContaining("read-only transaction");
    }

    @Test
    @Order(2)
    void pausedReplayHidesNewRowsUntilResumed() {
        standby.pauseReplay();
        assertThat(standby.replayPaused()).isTrue();
        String before = standby.replayLsn();

        pg.execute("shop", "INSERT INTO item VALUES (3)");
        assertThatThrownBy(() -> standby.awaitReplay(Duration.ofMillis(300)))
                .hasMessageContaining("did not replay")
                .hasMessageContaining("replay is paused");
        assertThat(standby.column("shop", "SELECT count(*) FROM item WHERE id = 3"))
                .containsExactly("0");
        assertThat(standby.replayLsn()).isEqualTo(before);

        standby.resumeReplay();
        standby.awaitReplay(REPLAY);
        assertThat(standby.column("shop", "SELECT count(*) FROM item WHERE id = 3"))
                .containsExactly("1");
    }

    @Test
    @Order(3)
    void aStoppedStandbyCatchesUpWhenStartedAgain() {
        int port = standby.port();
        standby.stop();
        assertThat(standby.running()).isFalse();
        assertThatThrownBy(() -> standby.column("shop", "SELECT 1")).hasMessageContaining("is stopped");

        pg.execute("shop", "INSERT INTO item VALUES (4)");
        standby.start();
        standby.awaitReplay(REPLAY);

        assertThat(standby.port()).isEqualTo(port);
        assertThat(standby.column("shop", "SELECT count(*) FROM item WHERE id = 4"))
                .containsExactly("1");
    }

    @Test
    @Order(4)
    void aStandbyHasNoStandbyOfItsOwn() {
        assertThatThrownBy(() -> standby.startStandby()).hasMessageContaining("start standbys of its primary");
    }
}
