package dev.approuting.core.internal;

import dev.approuting.core.DbCredentials;
import dev.approuting.core.support.ConnectOptions;
import dev.approuting.core.support.Connections;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.time.Duration;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * A pool-less {@link DataSource} over {@link DbCredentials}, behind {@link Connections#dataSource}: every
 * connection is new, opened by {@link Connections#open}. A login timeout set on it (Flyway and HikariCP
 * set one) replaces the options' connect timeout.
 */
public final class CredentialsDataSource implements DataSource {
    private final DbCredentials credentials;
    private volatile ConnectOptions options;

    public CredentialsDataSource(DbCredentials credentials, ConnectOptions options) {
        this.credentials = credentials;
        this.options = options;
    }

    @Override
    public Connection getConnection() throws SQLException {
        return Connections.open(credentials, options);
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
        options = options.withConnectTimeout(
                seconds <= 0 ? ConnectOptions.DEFAULT_CONNECT_TIMEOUT : Duration.ofSeconds(seconds));
    }

    @Override
    public int getLoginTimeout() {
        return (int) options.connectTimeout().toSeconds();
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
