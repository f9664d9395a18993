package dev.approuting.core.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.approuting.core.CredentialsSource;
import dev.approuting.core.DbCredentials;
import dev.approuting.core.DbName;
import dev.approuting.core.PoolSettings;
import dev.approuting.core.ServiceName;
import dev.approuting.core.internal.DatabasePool;
import dev.approuting.testkit.postgres.PostgresExtension;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The socket and statement timeouts of {@link ConnectOptions} and {@link PoolSettings} reach the server. */
class ConnectionTimeoutsIT {
    @RegisterExtension
    static final PostgresExtension pg = PostgresExtension.embedded();

    private static DbCredentials credentials() {
        return DbCredentials.of(pg.host(), pg.port(), "postgres", pg.user(), pg.password());
    }

    private static String setting(Connection c, String name) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT current_setting('" + name + "')")) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static void sleep(Connection c, int seconds) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("SELECT pg_sleep(" + seconds + ")");
        }
    }

    @Test
    void readsCarryAStatementTimeoutAndMigrationsNone() throws SQLException {
        try (Connection c = Connections.open(credentials(), ConnectOptions.forReads("t"))) {
            assertThat(setting(c, "statement_timeout")).isEqualTo("10s");
        }
        try (Connection c = Connections.open(credentials(), ConnectOptions.forMigrations("t"))) {
            assertThat(setting(c, "statement_timeout")).isEqualTo("0");
        }
    }

    @Test
    void aStatementOverItsTimeoutIsCancelledByTheServer() throws SQLException {
        ConnectOptions options = ConnectOptions.forReads("t").withStatementTimeout(Duration.ofMillis(300));
        try (Connection c = Connections.open(credentials(), options)) {
            assertThatThrownBy(() -> sleep(c, 30))
                    .isInstanceOfSatisfying(
                            SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("57014"));
        }
    }

    @Test
    void aReadThatNeverReturnsFailsAtTheSocketTimeout() throws SQLException {
        ConnectOptions options = ConnectOptions.forReads("t")
                .withStatementTimeout(Duration.ZERO)
                .withSocketTimeout(Duration.ofSeconds(1));
        try (Connection c = Connections.open(credentials(), options)) {
            assertThatThrownBy(() -> sleep(c, 30))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("I/O error");
            assertThat(c.isClosed()).isTrue();
        }
    }

    @Test
    void poolsApplyTheirSocketAndStatementTimeouts() throws SQLException {
        DbName db = DbName.of("timeouts");
        PoolSettings settings = PoolSettings.defaults()
                .withStatementTimeout(Duration.ofMillis(300))
                .withSocketTimeout(Duration.ofSeconds(20));
        try (DatabasePool pool = new DatabasePool(
                        ServiceName.of("timeouts-test"),
                        db,
                        CredentialsSource.of(Map.of(db, credentials())),
                        settings,
                        null,
                        null);
                Connection c = pool.dataSource().getConnection()) {
            assertThat(setting(c, "statement_timeout")).isEqualTo("300ms");
            assertThatThrownBy(() -> sleep(c, 30))
                    .isInstanceOfSatisfying(
                            SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("57014"));
        }
    }
}
