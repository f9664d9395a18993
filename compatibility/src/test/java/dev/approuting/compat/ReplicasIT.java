package dev.approuting.compat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.approuting.core.AppName;
import dev.approuting.core.ConsistencyToken;
import dev.approuting.core.CredentialsSource;
import dev.approuting.core.DbCredentials;
import dev.approuting.core.ReaderHealth;
import dev.approuting.core.ReaderSettings;
import dev.approuting.core.RoutedDatabases;
import dev.approuting.core.TokenScope;
import dev.approuting.testkit.postgres.PostgresStandby;
import java.time.Duration;
import java.util.Map;
import org.jooq.Record2;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code reading(app)} against a real streaming standby of the run's server, with the login roles init-db
 * made (they replicate with the rest): reads with a token go to the writer while replay is paused and to
 * the standby once it has replayed; reads without one go to the standby; the reader's health shows its
 * lag.
 */
@Check("replicas")
class ReplicasIT {
    /** Generous bound for a standby on a loaded machine to replay a few records. */
    private static final Duration REPLAY = Duration.ofSeconds(60);

    private static final AppName ORDERS = AppName.of("orders");
    private static final String READ = "SELECT count(*), pg_is_in_recovery() FROM item WHERE name = ";

    private static Fleet fleet;
    private static PostgresStandby standby;
    private static RoutedDatabases dbs;

    @BeforeAll
    static void open(CompatibilityRun run) {
        fleet = Fleet.migrated(run);
        standby = run.server().startStandby();
        standby.awaitReplay(REPLAY);
        DbCredentials writer = fleet.credentials().require(fleet.shop);
        DbCredentials reader = new DbCredentials(
                standby.host(), standby.port(), writer.dbname(), writer.user(), writer.password(), writer.setRole());
        dbs = RoutedDatabases.configure(fleet.routing())
                .credentials(CredentialsSource.firstOf(
                        fleet.credentials(), CredentialsSource.of(Map.of(), Map.of(fleet.shop, reader))))
                .credentialsCheckInterval(Duration.ZERO)
                .readers(ReaderSettings.defaults().withMaxLag(Duration.ofMinutes(10)))
                .open();
    }

    @AfterAll
    static void close() {
        if (dbs != null) {
            dbs.close();
        }
        if (standby != null) {
            standby.close();
        }
    }

    @Test
    @SuppressWarnings("try") // the token scope is used by the read inside it
    void readsFollowTheTokenWhileReplayIsPausedAndResumed() {
        // A transaction replayed since the standby started: its lag is known (else reads without a token
        // go to the writer).
        dbs.transaction(ORDERS, tx -> tx.execute("INSERT INTO item (name, note) VALUES ('replica-0', 'w')"));
        standby.awaitReplay(REPLAY);
        standby.pauseReplay();
        try {
            dbs.transaction(ORDERS, tx -> tx.execute("INSERT INTO item (name, note) VALUES ('replica-1', 'w')"));
            assertThat(dbs.token().position(fleet.shop)).isPresent();

            Record2<Long, Boolean> paused = read("replica-1");
            assertThat(paused.value1())
                    .as("read-your-writes while replay is paused")
                    .isEqualTo(1L);
            assertThat(paused.value2()).as("served by the writer").isFalse();

            String carried = dbs.token().toString();
            Record2<Long, Boolean> stale;
            try (TokenScope none = dbs.withToken(ConsistencyToken.none())) {
                stale = read("replica-1");
            }
            assertThat(stale.value1()).as("without a token: the standby, stale").isEqualTo(0L);
            assertThat(stale.value2()).isTrue();
            assertThat(dbs.token().toString())
                    .as("the scope gave the token back")
                    .isEqualTo(carried);
        } finally {
            standby.resumeReplay();
        }
        standby.awaitReplay(REPLAY);
        Record2<Long, Boolean> resumed = read("replica-1");
        assertThat(resumed.value1()).isEqualTo(1L);
        assertThat(resumed.value2())
                .as("served by the standby once it replayed")
                .isTrue();
        ReaderHealth health = dbs.health(fleet.shop).reader().orElseThrow();
        assertThat(health.state()).isEqualTo(ReaderHealth.State.SERVING);
        assertThat(health.replayLsn()).isNotNull();
        assertThat(health.replicaReads()).isGreaterThanOrEqualTo(2);
        assertThat(dbs.reading(ORDERS).fetchValue("SELECT current_user")).isEqualTo(fleet.shop + "_owner");
    }

    private static Record2<Long, Boolean> read(String name) {
        return dbs.reading(ORDERS)
                .fetchOne(READ + "'" + name + "'")
                .into(DSL.field("count", Long.class), DSL.field("pg_is_in_recovery", Boolean.class));
    }
}
