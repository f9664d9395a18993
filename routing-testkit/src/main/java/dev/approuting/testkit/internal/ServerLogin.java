package dev.approuting.testkit.internal;

import dev.approuting.core.DbCredentials;
import dev.approuting.testkit.postgres.PostgresServer;

/** The administrator login of a test server as routing-core's credentials. */
public final class ServerLogin {
    private ServerLogin() {}

    /** Returns the login of {@code server}, pointing at {@code database}. */
    public static DbCredentials credentials(PostgresServer server, String database) {
        return DbCredentials.of(server.host(), server.port(), database, server.user(), server.password());
    }
}
