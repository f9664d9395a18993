package dev.approuting.core.internal;

import dev.approuting.core.DbCredentials;
import dev.approuting.core.support.ConnectOptions;
import dev.approuting.core.support.ConnectionSource;
import dev.approuting.core.support.Connections;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;

/**
 * A pool-less {@link javax.sql.DataSource} over {@link DbCredentials}, behind {@link Connections#dataSource}:
 * every connection is new, opened by {@link Connections#open}. A login timeout set on it (Flyway sets
 * one) replaces the options' connect timeout.
 */
public final class CredentialsDataSource extends ConnectionSource {
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
    public void setLoginTimeout(int seconds) {
        super.setLoginTimeout(seconds);
        options = options.withConnectTimeout(
                seconds <= 0 ? ConnectOptions.DEFAULT_CONNECT_TIMEOUT : Duration.ofSeconds(seconds));
    }

    @Override
    public int getLoginTimeout() {
        return (int) options.connectTimeout().toSeconds();
    }

    @Override
    public String toString() {
        return "CredentialsDataSource[" + credentials + "]";
    }
}
