package dev.approuting.testkit.internal;

import dev.approuting.core.DbCredentials;
import dev.approuting.testkit.PostgresServer;

/** A started server: where it is, which login to use, and what to do on close. */
final class Server implements PostgresServer {
    private final DbCredentials admin;
    private final boolean keepsData;
    private final String description;
    private final AutoCloseable stop;

    Server(DbCredentials admin, boolean keepsData, String description, AutoCloseable stop) {
        this.admin = admin;
        this.keepsData = keepsData;
        this.description = description;
        this.stop = stop;
    }

    @Override
    public DbCredentials credentials(String database) {
        return admin.withDbname(database);
    }

    @Override
    public String adminDatabase() {
        return admin.dbname();
    }

    @Override
    public boolean keepsData() {
        return keepsData;
    }

    @Override
    public String describe() {
        return description;
    }

    @Override
    public void close() {
        try {
            stop.close();
        } catch (Exception e) {
            org.slf4j.LoggerFactory.getLogger(Server.class)
                    .warn("{}: could not be stopped cleanly: {}", description, e.toString());
        }
    }

    @Override
    public String toString() {
        return description;
    }
}
