package dev.approuting.benchmarks;

import dev.approuting.core.CredentialsSource;
import dev.approuting.core.DbCredentials;
import dev.approuting.core.DbName;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The embedded PostgreSQL server of a run. The harness starts one and hands its port to JMH forks
 * through the system property {@value #PORT_PROPERTY}; a fork run on its own starts a server itself.
 */
public final class BenchServer implements AutoCloseable {
    /** The system property that carries the port of the harness's server into JMH forks. */
    public static final String PORT_PROPERTY = "approuting.bench.port";

    private final @Nullable EmbeddedPostgres owned;
    private final int port;

    private BenchServer(@Nullable EmbeddedPostgres owned, int port) {
        this.owned = owned;
        this.port = port;
    }

    /** Starts an embedded server (trust authentication, user {@code postgres}). */
    public static BenchServer start() {
        try {
            EmbeddedPostgres server = EmbeddedPostgres.builder().start();
            return new BenchServer(server, server.getPort());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the embedded PostgreSQL server", e);
        }
    }

    /** Uses the harness's server when {@value #PORT_PROPERTY} is set, else starts one. */
    public static BenchServer fromPropertyOrStart() {
        String port = System.getProperty(PORT_PROPERTY);
        return port == null ? start() : new BenchServer(null, Integer.parseInt(port));
    }

    /** Returns the server's port. */
    public int port() {
        return port;
    }

    /** Returns superuser credentials for the PostgreSQL database {@code dbname}. */
    public DbCredentials credentials(String dbname) {
        return credentials(dbname, port);
    }

    /** Returns superuser credentials for {@code dbname} reached through {@code viaPort} (a proxy in front of it). */
    public DbCredentials credentials(String dbname, int viaPort) {
        return DbCredentials.of("localhost", viaPort, dbname, "postgres", "postgres");
    }

    /** Returns a credentials source naming the PostgreSQL database of each logical database after it. */
    public CredentialsSource credentials(Collection<DbName> dbs) {
        return credentials(dbs, port);
    }

    /** Returns {@link #credentials(Collection)} reached through {@code viaPort} (a proxy in front of the server). */
    public CredentialsSource credentials(Collection<DbName> dbs, int viaPort) {
        Map<DbName, DbCredentials> map = new LinkedHashMap<>();
        dbs.forEach(db -> map.put(db, credentials(db.value(), viaPort)));
        return CredentialsSource.of(map);
    }

    /** Drops (when present) and creates each database. */
    public void recreate(Collection<String> dbnames) {
        for (String db : dbnames) {
            execute("postgres", "DROP DATABASE IF EXISTS " + db + " WITH (FORCE)");
            execute("postgres", "CREATE DATABASE " + db);
        }
    }

    /** Drops each database when present. */
    public void drop(Collection<String> dbnames) {
        for (String db : dbnames) {
            execute("postgres", "DROP DATABASE IF EXISTS " + db + " WITH (FORCE)");
        }
    }

    /** Runs one statement in {@code dbname}. */
    public void execute(String dbname, String sql) {
        try (Connection c = connect(dbname);
                Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(dbname + ": " + sql + ": " + e.getMessage(), e);
        }
    }

    /** Returns the first column of the first row of {@code sql} in {@code dbname}, as text. */
    public String queryOne(String dbname, String sql) {
        try (Connection c = connect(dbname);
                Statement s = c.createStatement();
                ResultSet rows = s.executeQuery(sql)) {
            if (!rows.next()) {
                throw new IllegalStateException(dbname + ": no row from " + sql);
            }
            return String.valueOf(rows.getString(1));
        } catch (SQLException e) {
            throw new IllegalStateException(dbname + ": " + sql + ": " + e.getMessage(), e);
        }
    }

    /** Returns the server's version, such as {@code 17.6}. */
    public String version() {
        return queryOne("postgres", "SHOW server_version");
    }

    private Connection connect(String dbname) throws SQLException {
        DbCredentials c = credentials(dbname);
        return DriverManager.getConnection(c.jdbcUrl(), c.user(), c.password());
    }

    @Override
    public void close() {
        if (owned != null) {
            try {
                owned.close();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot stop the embedded PostgreSQL server", e);
            }
        }
    }
}
