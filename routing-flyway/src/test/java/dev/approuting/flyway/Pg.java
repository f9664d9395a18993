package dev.approuting.flyway;

import dev.approuting.core.DbCredentials;
import dev.approuting.core.DbName;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** One embedded PostgreSQL server for a test class, with helpers to create databases and query them. */
public final class Pg implements AutoCloseable {
    private final EmbeddedPostgres server;

    private Pg(EmbeddedPostgres server) {
        this.server = server;
    }

    public static Pg start() {
        try {
            return new Pg(EmbeddedPostgres.builder().start());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return server.getPort();
    }

    /** Returns superuser credentials for the PostgreSQL database {@code dbname}. */
    public DbCredentials superuser(String dbname) {
        return DbCredentials.of("localhost", server.getPort(), dbname, "postgres", "postgres");
    }

    public String superuserUrl() {
        return "jdbc:postgresql://localhost:" + server.getPort() + "/postgres";
    }

    public void createDatabases(List<DbName> dbs) {
        for (DbName db : dbs) {
            execute("postgres", "DROP DATABASE IF EXISTS " + db + " WITH (FORCE)");
            execute("postgres", "CREATE DATABASE " + db);
        }
    }

    public void execute(String dbname, String sql) {
        try (Connection c = server.getDatabase("postgres", dbname).getConnection();
                Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    /** Returns the first column of every row of {@code sql}, as text. */
    public List<String> column(String dbname, String sql) {
        try (Connection c = server.getDatabase("postgres", dbname).getConnection();
                Statement s = c.createStatement();
                ResultSet rows = s.executeQuery(sql)) {
            List<String> values = new ArrayList<>();
            while (rows.next()) {
                values.add(rows.getString(1));
            }
            return values;
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    public List<String> historyVersions(String dbname, String app) {
        return column(
                dbname,
                "SELECT version FROM " + app + ".flyway_schema_history WHERE success AND version IS NOT NULL"
                        + " ORDER BY installed_rank");
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
