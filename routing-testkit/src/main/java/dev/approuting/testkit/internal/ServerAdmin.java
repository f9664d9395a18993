package dev.approuting.testkit.internal;

import dev.approuting.core.DbCredentials;
import dev.approuting.core.DbName;
import dev.approuting.core.ErrorCode;
import dev.approuting.core.RoutingException;
import dev.approuting.core.support.ConnectOptions;
import dev.approuting.core.support.Connections;
import dev.approuting.core.support.Sql;
import dev.approuting.testkit.postgres.PostgresServer;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.LinkedBlockingQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Administration of one server for one JVM run: creates, clones and drops databases over a few
 * connections to the admin database. Every connection carries the application name
 * {@code approuting-testkit-{runId}}, which marks the run as alive; databases of runs with no such
 * connection left are leftovers of a crashed run and are swept.
 */
public final class ServerAdmin implements AutoCloseable {
    /** Prefix of every database the testkit makes. */
    public static final String PREFIX = "approuting_";
    /** Prefix of clones: {@code approuting_c_{runId}_{n}_{db}}. */
    static final String CLONE = PREFIX + "c_";
    /** Prefix of templates being built: {@code approuting_b_{runId}_{n}_{db}}. */
    static final String BUILDING = PREFIX + "b_";
    /** Prefix of finished templates: {@code approuting_t_{key}_{db}}. */
    static final String TEMPLATE = PREFIX + "t_";
    /** Prefix of spare clones a run with a kept data directory leaves for the next: {@code approuting_s_{key}_{runId}_{n}}. */
    static final String SPARE = PREFIX + "s_";
    /** Application name prefix marking a live run. */
    static final String APPLICATION = "approuting-testkit-";

    private static final Logger log = LoggerFactory.getLogger(ServerAdmin.class);

    private final PostgresServer server;
    private final String runId;
    private final int versionNum;
    private final LinkedBlockingQueue<Connection> idle = new LinkedBlockingQueue<>();
    private final Connection marker;

    public ServerAdmin(PostgresServer server, String runId) {
        this.server = server;
        this.runId = runId;
        this.marker = open();
        this.versionNum = queryInt(marker, "SHOW server_version_num");
    }

    public PostgresServer server() {
        return server;
    }

    public String runId() {
        return runId;
    }

    /** Returns {@code server_version_num}, such as 170011. */
    public int versionNum() {
        return versionNum;
    }

    /** Returns the credentials of a database on this server. */
    public DbCredentials credentials(String database) {
        return ServerLogin.credentials(server, database);
    }

    /** Returns whether a database exists. */
    public boolean exists(String database) {
        return withConnection(c -> {
            try (var ps = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
                ps.setString(1, database);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next();
                }
            }
        });
    }

    /** Returns the databases whose name starts with {@code prefix}, in name order. */
    public List<String> databasesStartingWith(String prefix) {
        return withConnection(c -> {
            List<String> names = new ArrayList<>();
            try (var ps = c.prepareStatement(
                    "SELECT datname FROM pg_database WHERE starts_with(datname, ?) ORDER BY datname")) {
                ps.setString(1, prefix);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        names.add(rs.getString(1));
                    }
                }
            }
            return names;
        });
    }

    /** Creates an empty database. */
    public void create(String database, DbName db) {
        execute(db, "CREATE DATABASE " + Sql.ident(database));
    }

    /** Clones {@code template} into {@code database} with {@code strategy} (ignored before PostgreSQL 15). */
    public void cloneFrom(String template, String database, CloneStrategy strategy, DbName db) {
        String sql = "CREATE DATABASE " + Sql.ident(database) + " TEMPLATE " + Sql.ident(template);
        if (versionNum >= 150000 && strategy != CloneStrategy.DEFAULT) {
            sql += " STRATEGY " + strategy.name();
        }
        execute(db, sql);
    }

    /** Renames a database; fails when the target exists (another JVM built the same template first). */
    public void rename(String from, String to, DbName db) {
        execute(db, "ALTER DATABASE " + Sql.ident(from) + " RENAME TO " + Sql.ident(to));
    }

    /** Drops a database if it exists, ending any session still connected to it. */
    public void drop(String database, DbName db) {
        execute(db, "DROP DATABASE IF EXISTS " + Sql.ident(database) + (versionNum >= 130000 ? " WITH (FORCE)" : ""));
    }

    /**
     * Drops the clones and half-built templates of runs that are no longer alive (no connection with
     * their application name), such as a JVM killed in the middle of a test run.
     *
     * @return the databases dropped
     */
    public List<String> sweepStale() {
        List<String> stale = withConnection(c -> {
            Set<String> alive = new HashSet<>();
            try (Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT DISTINCT application_name FROM pg_stat_activity"
                            + " WHERE application_name LIKE '" + APPLICATION + "%'")) {
                while (rs.next()) {
                    alive.add(rs.getString(1).substring(APPLICATION.length()));
                }
            }
            List<String> found = new ArrayList<>();
            try (Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT datname FROM pg_database WHERE datname LIKE '"
                            + CLONE.replace("_", "\\_") + "%' OR datname LIKE '" + BUILDING.replace("_", "\\_")
                            + "%' ORDER BY datname")) {
                while (rs.next()) {
                    String name = rs.getString(1);
                    String rest = name.substring(CLONE.length());
                    int end = rest.indexOf('_');
                    String owner = end < 0 ? rest : rest.substring(0, end);
                    if (!alive.contains(owner)) {
                        found.add(name);
                    }
                }
            }
            return found;
        });
        for (String name : stale) {
            try {
                drop(name, DbName.of("postgres"));
            } catch (RoutingException e) {
                log.warn("{}: could not drop the leftover test database: {}", name, e.getMessage());
            }
        }
        if (!stale.isEmpty()) {
            log.info(
                    "{}: dropped {} databases left by test runs that ended without cleaning up",
                    server.describe(),
                    stale.size());
        }
        return stale;
    }

    private void execute(DbName db, String sql) {
        withConnection(c -> {
            try (Statement s = c.createStatement()) {
                s.execute(sql);
            } catch (SQLException e) {
                throw RoutingException.forDatabase(
                        ErrorCode.DATABASE_UNAVAILABLE,
                        db,
                        db + ": `" + sql + "` failed on " + server.describe() + ": " + e.getMessage()
                                + ("55006".equals(e.getSQLState())
                                        ? ". A session is still connected to the template: close every connection to it"
                                        : ""),
                        e);
            }
            return Boolean.TRUE;
        });
    }

    private interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private <T> T withConnection(Work<T> work) {
        Connection c = idle.poll();
        if (c == null) {
            c = open();
        }
        boolean healthy = false;
        try {
            T result = work.run(c);
            healthy = true;
            return result;
        } catch (SQLException e) {
            throw RoutingException.of(
                    ErrorCode.DATABASE_UNAVAILABLE,
                    server.describe() + ": administration query failed: " + e.getMessage(),
                    e);
        } catch (RoutingException e) {
            healthy = e.sqlState().map(state -> !state.startsWith("08")).orElse(true);
            throw e;
        } finally {
            if (healthy) {
                idle.offer(c);
            } else {
                closeQuietly(c);
            }
        }
    }

    private Connection open() {
        DbCredentials admin = credentials(server.adminDatabase());
        try {
            return Connections.open(admin, ConnectOptions.of(APPLICATION + runId));
        } catch (SQLException e) {
            throw RoutingException.of(
                    ErrorCode.DATABASE_UNAVAILABLE,
                    "cannot connect to " + server.describe() + " as '" + admin.user() + "': " + e.getMessage()
                            + ". Check that the server is up and the login may create databases",
                    e);
        }
    }

    private static int queryInt(Connection c, String sql) {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return Integer.parseInt(rs.getString(1).trim());
        } catch (SQLException e) {
            throw RoutingException.of(ErrorCode.DATABASE_UNAVAILABLE, sql + " failed: " + e.getMessage(), e);
        }
    }

    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException ignored) {
            // Broken already; nothing to release.
        }
    }

    @Override
    public void close() {
        Connection c;
        while ((c = idle.poll()) != null) {
            closeQuietly(c);
        }
        closeQuietly(marker);
    }
}
