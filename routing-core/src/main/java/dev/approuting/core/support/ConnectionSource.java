package dev.approuting.core.support;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * A {@link DataSource} that only hands out connections, for the sources approuting gives a pool or
 * Flyway instead of the PostgreSQL driver: no log writer, no {@code java.util.logging}, unwrapping to
 * itself only; the login timeout is kept (HikariCP and Flyway set it). The login comes from the source,
 * so {@link #getConnection(String, String)} ignores the one a pool passes.
 *
 * <pre>{@code
 * final class OneDatabase extends ConnectionSource {
 *     public Connection getConnection() throws SQLException {
 *         return Connections.open(credentials, ConnectOptions.of("my-tool"));
 *     }
 * }
 * }</pre>
 */
public abstract class ConnectionSource implements DataSource {
    private volatile int loginTimeoutSeconds;

    /** Creates the source; subclasses implement {@link #getConnection()}. */
    protected ConnectionSource() {}

    /** Returns {@link #getConnection()}: the login is the source's own, whatever a pool passes. */
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
        throw new SQLFeatureNotSupportedException("approuting logs through SLF4J, not java.util.logging");
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        if (type.isInstance(this)) {
            return type.cast(this);
        }
        throw new SQLException(getClass().getSimpleName() + " wraps no " + type.getName());
    }

    @Override
    public boolean isWrapperFor(Class<?> type) {
        return type.isInstance(this);
    }
}
