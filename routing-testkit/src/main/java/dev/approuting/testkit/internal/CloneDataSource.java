package dev.approuting.testkit.internal;

import dev.approuting.core.DbCredentials;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;

/**
 * Connections to one fresh clone, for its pool: first the connection opened when the clone was made
 * ahead, so the test does not wait for a server process to start, then new ones.
 */
final class CloneDataSource extends PlainDataSource {
    private final DbCredentials credentials;
    private final String applicationName;
    private final AtomicReference<@Nullable Connection> opened;

    CloneDataSource(DbCredentials credentials, String applicationName, @Nullable Connection opened) {
        this.credentials = credentials;
        this.applicationName = applicationName;
        this.opened = new AtomicReference<>(opened);
    }

    @Override
    public Connection getConnection() throws SQLException {
        Connection first = opened.getAndSet(null);
        if (first != null && !first.isClosed()) {
            return first;
        }
        return connect(credentials, applicationName, Map.of());
    }
}
