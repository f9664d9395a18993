package dev.approuting.testkit.internal;

import dev.approuting.core.DbCredentials;
import dev.approuting.core.support.ConnectOptions;
import dev.approuting.core.support.Connections;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Map;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * A {@link DataSource} that only hands out connections: what the testkit gives a service's pool in
 * place of the PostgreSQL driver. Log writer and wrapping are not supported; the login timeout is
 * only kept (HikariCP sets it, and waits that long for its connection-adding thread when it closes).
 */
abstract class PlainDataSource implements DataSource {
    private volatile int loginTimeoutSeconds;

    /** Opens a connection through routing-core's connection factory; {@code settings} adds driver properties. */
    static Connection connect(DbCredentials credentials, String applicationName, Map<String, String> settings)
            throws SQLException {
        return Connections.open(credentials, ConnectOptions.of(applicationName).withDriverProperties(settings));
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return getConnection();
    }

    @Override
    public @Nullable PrintWriter getLogWriter() {
        return null;
    }

    @Override
    public void setLogWriter(@Nullable PrintWriter out) {}

    @Override
    public void setLoginTimeout(int seconds) {
        loginTimeoutSeconds = seconds;
    }

    @Override
    public int getLoginTimeout() {
        return loginTimeoutSeconds;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException();
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        throw new SQLException("not a wrapper");
    }

    @Override
    public boolean isWrapperFor(Class<?> type) {
        return false;
    }
}
