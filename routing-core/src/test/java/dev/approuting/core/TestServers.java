package dev.approuting.core;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Embedded PostgreSQL servers for this module's tests: password (scram) authentication for every
 * role but the {@code postgres} superuser, and a restartable server on a fixed port and data directory.
 */
final class TestServers {
    private static final String HBA = """
            local all postgres trust
            host all postgres 127.0.0.1/32 trust
            host all postgres ::1/128 trust
            local all all scram-sha-256
            host all all 127.0.0.1/32 scram-sha-256
            host all all ::1/128 scram-sha-256
            """;

    private TestServers() {}

    /** Starts a server (clean data directory, deleted on close). */
    static EmbeddedPostgres start() throws IOException {
        return builder().start();
    }

    /** Starts a server that keeps its data in {@code dir} on {@code port}, so it can be stopped and started again. */
    static EmbeddedPostgres startKeeping(Path dir, int port) throws IOException {
        return builder()
                .setDataDirectory(dir)
                .setCleanDataDirectory(false)
                .setPort(port)
                .start();
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static EmbeddedPostgres.Builder builder() {
        return EmbeddedPostgres.builder().setDataDirectoryCustomizer(dir -> {
            try {
                Files.writeString(dir.toPath().resolve("pg_hba.conf"), HBA);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /**
     * Creates a logical database as provisioning would: an owner role owning it and one schema per app,
     * and a login role that must SET ROLE to the owner.
     */
    static DbCredentials createDatabase(EmbeddedPostgres server, String db, String password, String... apps)
            throws SQLException {
        try (Connection c = server.getPostgresDatabase().getConnection();
                Statement s = c.createStatement()) {
            s.execute("CREATE ROLE " + db + "_owner NOLOGIN");
            s.execute("CREATE ROLE " + db + "_login LOGIN PASSWORD '" + password + "' IN ROLE " + db + "_owner");
            s.execute("CREATE DATABASE " + db + " OWNER " + db + "_owner");
        }
        try (Connection c = server.getDatabase("postgres", db).getConnection();
                Statement s = c.createStatement()) {
            for (String app : apps) {
                s.execute("CREATE SCHEMA " + app + " AUTHORIZATION " + db + "_owner");
            }
        }
        return new DbCredentials("localhost", server.getPort(), db, db + "_login", password, db + "_owner");
    }

    /** Runs SQL as the superuser in {@code db}. */
    static void sql(EmbeddedPostgres server, String db, String sql) throws SQLException {
        try (Connection c = server.getDatabase("postgres", db).getConnection();
                Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    /** Returns the single long value {@code sql} selects, as the superuser in {@code db}. */
    static long count(EmbeddedPostgres server, String db, String sql) throws SQLException {
        try (Connection c = server.getDatabase("postgres", db).getConnection();
                Statement s = c.createStatement();
                var rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
