package dev.approuting.flyway.internal;

import dev.approuting.core.DbCredentials;
import dev.approuting.core.internal.Sql;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.Properties;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.postgresql.Driver;

/**
 * A pool-less {@link DataSource} over {@link DbCredentials}: every connection is new, and runs
 * {@code SET ROLE} when the credentials name a role. Flyway opens few connections per app, so a
 * pool would only add start-up time.
 */
public final class CredentialsDataSource implements DataSource {
    private final DbCredentials credentials;
    private final String applicationName;
    private int loginTimeoutSeconds = 10;

    /** Creates the data source; {@code applicationName} shows in {@code pg_stat_activity}. */
    public CredentialsDataSource(DbCredentials credentials, String applicationName) {
        this.credentials = credentials;
        this.applicationName = applicationName;
    }

    /** Returns the credentials (their {@code toString} masks the password). */
    public DbCredentials credentials() {
        return credentials;
    }

    @Override
    public Connection getConnection() throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", credentials.user());
        properties.setProperty("password", credentials.password());
        properties.setProperty("connectTimeout", Integer.toString(loginTimeoutSeconds));
        properties.setProperty("loginTimeout", Integer.toString(loginTimeoutSeconds));
        properties.setProperty("ApplicationName", applicationName);
        Connection connection = new Driver().connect(credentials.jdbcUrl(), properties);
        if (connection == null) {
            throw new SQLException("the PostgreSQL driver does not accept " + credentials.jdbcUrl(), "08001");
        }
        String role = credentials.setRole();
        if (role != null) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("SET ROLE " + Sql.ident(role));
            } catch (SQLException e) {
                connection.close();
                throw e;
            }
        }
        return connection;
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        throw new SQLFeatureNotSupportedException("the login comes from the database's credentials");
    }

    @Override
    public @Nullable PrintWriter getLogWriter() {
        return null;
    }

    @Override
    public void setLogWriter(@Nullable PrintWriter out) {}

    @Override
    public void setLoginTimeout(int seconds) {
        loginTimeoutSeconds = seconds <= 0 ? 10 : seconds;
    }

    @Override
    public int getLoginTimeout() {
        return loginTimeoutSeconds;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException("no java.util.logging here");
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        if (type.isInstance(this)) {
            return type.cast(this);
        }
        throw new SQLException("not a wrapper of " + type.getName());
    }

    @Override
    public boolean isWrapperFor(Class<?> type) {
        return type.isInstance(this);
    }

    @Override
    public String toString() {
        return "CredentialsDataSource[" + credentials + "]";
    }
}
