package dev.approuting.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.approuting.testkit.postgres.PostgresExtension;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The proxy between the driver and a real server: every round trip pays the configured delay. */
class LatencyProxyIT {
    @RegisterExtension
    static final PostgresExtension pg = PostgresExtension.embedded();

    private static final int QUERIES = 20;

    @Test
    void aQueryThroughTheProxyPaysTheRoundTripAndADirectOneDoesNot() throws SQLException {
        List<Double> direct;
        try (Connection c = DriverManager.getConnection(pg.jdbcUrl("postgres"), pg.user(), pg.password())) {
            direct = selectOnes(c);
        }
        List<Double> proxied;
        try (LatencyProxy proxy = LatencyProxy.start(pg.port(), Duration.ofMillis(5));
                Connection c = DriverManager.getConnection(
                        "jdbc:postgresql://localhost:" + proxy.port() + "/postgres", pg.user(), pg.password())) {
            proxied = selectOnes(c);
        }

        // The proxy holds every chunk until it is due, so no query can be faster than the round trip;
        // a direct query on the loopback interface takes well under a millisecond when it has the CPU.
        assertThat(Collections.min(proxied))
                .as("fastest of %d `SELECT 1` through a 5 ms proxy, all (ms): %s", QUERIES, proxied)
                .isGreaterThanOrEqualTo(5.0);
        assertThat(Collections.min(direct))
                .as("fastest of %d direct `SELECT 1`, all (ms): %s", QUERIES, direct)
                .isLessThan(5.0);
    }

    private static List<Double> selectOnes(Connection c) throws SQLException {
        List<Double> millis = new ArrayList<>();
        try (Statement s = c.createStatement()) {
            for (int i = 0; i < QUERIES; i++) {
                long start = System.nanoTime();
                try (ResultSet rows = s.executeQuery("SELECT 1")) {
                    assertThat(rows.next()).isTrue();
                    assertThat(rows.getInt(1)).isEqualTo(1);
                }
                millis.add((System.nanoTime() - start) / 1e6);
            }
        }
        return millis;
    }
}
