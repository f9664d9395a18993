package dev.approuting.flyway.internal.provision;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/**
 * An embedded PostgreSQL where only {@code postgres} is trusted and every other role must log in
 * with its SCRAM-SHA-256 password, so tests prove the passwords provisioning stores. The server's own
 * {@code password_encryption} is {@code md5}, so a SCRAM verifier proves provisioning chose it.
 */
public final class ScramPostgres {
    private static final String HBA = """
            local all all trust
            host all postgres 127.0.0.1/32 trust
            host all postgres ::1/128 trust
            host all all 127.0.0.1/32 scram-sha-256
            host all all ::1/128 scram-sha-256
            """;

    private ScramPostgres() {}

    /** Starts the server. */
    public static EmbeddedPostgres start() throws IOException {
        return builder().start();
    }

    /**
     * Starts a server that keeps its data in {@code dataDir} and listens on {@code port}, so it can be
     * closed (stopped) and started again with the same databases, roles and passwords.
     */
    public static EmbeddedPostgres startKeeping(Path dataDir, int port) throws IOException {
        return builder()
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(false)
                .setPort(port)
                .start();
    }

    /** Returns a port nothing listens on right now. */
    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static EmbeddedPostgres.Builder builder() {
        return EmbeddedPostgres.builder()
                .setServerConfig("password_encryption", "md5")
                .setDataDirectoryCustomizer(dir -> {
                    try {
                        Files.writeString(dir.toPath().resolve("pg_hba.conf"), HBA);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
    }

    /** Returns the admin URL of the server's {@code postgres} database. */
    public static String adminUrl(EmbeddedPostgres pg) {
        return "jdbc:postgresql://localhost:" + pg.getPort() + "/postgres";
    }

    /** Opens a connection as {@code user} with {@code password} to {@code db}. */
    public static Connection connect(EmbeddedPostgres pg, String db, String user, String password) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", user);
        properties.setProperty("password", password);
        return DriverManager.getConnection("jdbc:postgresql://localhost:" + pg.getPort() + "/" + db, properties);
    }

    /** Opens a connection as the superuser to {@code db}. */
    public static Connection admin(EmbeddedPostgres pg, String db) throws SQLException {
        return connect(pg, db, "postgres", "");
    }
}
