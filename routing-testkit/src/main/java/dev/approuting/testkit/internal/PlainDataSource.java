package dev.approuting.testkit.internal;

import dev.approuting.core.DbCredentials;
import dev.approuting.core.support.ConnectOptions;
import dev.approuting.core.support.ConnectionSource;
import dev.approuting.core.support.Connections;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;

/** What the testkit gives a service's pool in place of the PostgreSQL driver: connections to one clone. */
abstract class PlainDataSource extends ConnectionSource {
    /** Opens a connection through routing-core's connection factory; {@code settings} adds driver properties. */
    static Connection connect(DbCredentials credentials, String applicationName, Map<String, String> settings)
            throws SQLException {
        return Connections.open(credentials, ConnectOptions.of(applicationName).withDriverProperties(settings));
    }
}
