package dev.approuting.core.internal;

import dev.approuting.core.DbCredentials;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;
import org.jspecify.annotations.Nullable;
import org.postgresql.Driver;

/** Checks that a database answers, with a connection of its own (not from a pool). */
public final class Probe {
    private Probe() {}

    /**
     * Connects with {@code credentials}, sets the role, runs {@code SELECT 1}.
     *
     * @return {@code null} when the database answered, else why not (never the password)
     */
    public static @Nullable String check(DbCredentials credentials, Duration timeout) {
        Properties properties = new Properties();
        properties.setProperty("user", credentials.user());
        properties.setProperty("password", credentials.password());
        long seconds = Math.max(1, timeout.toSeconds());
        properties.setProperty("connectTimeout", Long.toString(seconds));
        properties.setProperty("loginTimeout", Long.toString(seconds));
        properties.setProperty("socketTimeout", Long.toString(seconds + 1));
        properties.setProperty("ApplicationName", "approuting-health");
        try (Connection connection = new Driver().connect(credentials.jdbcUrl(), properties)) {
            if (connection == null) {
                return "the PostgreSQL driver does not accept " + credentials.jdbcUrl();
            }
            try (Statement statement = connection.createStatement()) {
                String role = credentials.setRole();
                if (role != null) {
                    statement.execute("SET ROLE " + Sql.ident(role));
                }
                statement.execute("SELECT 1");
            }
            return null;
        } catch (SQLException e) {
            String state = e.getSQLState() == null ? "" : " (SQLState " + e.getSQLState() + ")";
            return e.getMessage() + state;
        }
    }
}
