package dev.approuting.flyway.internal.provision;

import dev.approuting.core.DbCredentials;
import dev.approuting.core.support.ConnectOptions;
import dev.approuting.core.support.Connections;
import dev.approuting.flyway.provision.ConnectionCheck;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/** The connection check of {@code init-db --check-connection}. */
public final class Checks {
    private static final String CHECK_TABLE = "approuting_connection_check";

    private Checks() {}

    /**
     * Logs in with {@code credentials}, sets their role, creates and drops a temporary table.
     *
     * @return the outcome; never throws for a failed login or statement
     */
    public static ConnectionCheck run(DbCredentials credentials) {
        return run(credentials, false);
    }

    /**
     * Logs in with {@code credentials} and sets their role; then creates and drops a temporary table, or, for
     * a read-only login ({@code readOnly}), reads the current user only.
     *
     * @return the outcome; never throws for a failed login or statement
     */
    public static ConnectionCheck run(DbCredentials credentials, boolean readOnly) {
        long start = System.nanoTime();
        String target = credentials.server() + "/" + credentials.dbname();
        String role = credentials.setRole();
        try (Connection connection = Connections.open(credentials, ConnectOptions.of("approuting init-db check"));
                Statement statement = connection.createStatement()) {
            if (readOnly) {
                statement.execute("SELECT current_user");
            } else {
                statement.execute("CREATE TEMPORARY TABLE " + CHECK_TABLE + " (id integer)");
                statement.execute("DROP TABLE " + CHECK_TABLE);
            }
            return new ConnectionCheck(
                    true,
                    "logged in as " + credentials.user() + " to " + target
                            + (role == null ? "" : ", SET ROLE " + role)
                            + (readOnly ? ", read the current user" : ", created and dropped a temporary table"),
                    since(start));
        } catch (SQLException e) {
            return new ConnectionCheck(
                    false,
                    "login as " + credentials.user() + " to " + target + " failed: " + e.getMessage() + " (SQLState "
                            + e.getSQLState() + ")",
                    since(start));
        }
    }

    private static Duration since(long start) {
        return Duration.ofNanos(System.nanoTime() - start);
    }
}
