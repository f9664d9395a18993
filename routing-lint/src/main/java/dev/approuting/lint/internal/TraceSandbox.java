package dev.approuting.lint.internal;

import dev.approuting.core.DbCredentials;
import dev.approuting.core.support.Sql;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where a traced run executes the migration files: a scratch database {@code routing_trace_<key>} and,
 * unless the files are to run as the given login, a throw-away role of the same name that owns only that
 * database (NOSUPERUSER, NOCREATEDB, NOCREATEROLE, NOREPLICATION, NOBYPASSRLS, member of nothing; CONNECT
 * on the scratch database revoked from PUBLIC). Both are dropped when the run ends.
 *
 * <p>A run holds the session advisory lock ({@link #LOCK_CLASS}, key) on the admin connection from before
 * it creates anything until it has dropped everything. A run killed in between (kill -9) leaves its
 * database and role behind with the lock released: the next run drops every {@code routing_trace_*}
 * database nobody is connected to and whose lock nobody holds, and such roles, so a concurrent run is
 * never disturbed.
 */
final class TraceSandbox implements AutoCloseable {
    /** The name prefix of scratch databases and roles. */
    static final String PREFIX = "routing_trace_";
    /** The first key of the advisory lock a run holds: {@code 'rtrc'}. */
    static final int LOCK_CLASS = 0x72747263;

    private static final Logger log = LoggerFactory.getLogger(TraceSandbox.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern LEFTOVER = Pattern.compile("routing_trace_([0-9a-f]{8})[0-9a-f]*");
    private static final String LEFTOVER_REGEX = "^routing_trace_[0-9a-f]{8,}$";

    private final Connection admin;
    private final String name;
    private final int key;
    private final boolean ownRole;
    private final DbCredentials files;

    private TraceSandbox(Connection admin, String name, int key, boolean ownRole, DbCredentials files) {
        this.admin = admin;
        this.name = name;
        this.key = key;
        this.ownRole = ownRole;
        this.files = files;
    }

    /**
     * Drops leftovers of earlier runs, then creates the scratch database (and role).
     *
     * @param admin an open connection of {@code login}
     * @param login the login of the trace: CREATEDB, and CREATEROLE unless {@code asLogin}
     * @param asLogin run the files as {@code login} itself instead of a throw-away role
     * @throws SQLException when something cannot be created; what was created is dropped again
     */
    static TraceSandbox open(Connection admin, DbCredentials login, boolean asLogin) throws SQLException {
        int key = RANDOM.nextInt();
        String name = PREFIX + HexFormat.of().toHexDigits(key);
        admin.setAutoCommit(true);
        try (PreparedStatement lock = admin.prepareStatement("SELECT pg_advisory_lock(?, ?)")) {
            lock.setInt(1, LOCK_CLASS);
            lock.setInt(2, key);
            lock.execute();
        }
        dropLeftovers(admin);
        DbCredentials files;
        try {
            if (asLogin) {
                execute(admin, "CREATE DATABASE " + Sql.ident(name));
                files = login.withDbname(name);
            } else {
                String password = HexFormat.of().formatHex(randomBytes(24));
                execute(
                        admin,
                        "CREATE ROLE " + Sql.ident(name) + " LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOINHERIT"
                                + " NOREPLICATION NOBYPASSRLS CONNECTION LIMIT 4 PASSWORD " + Sql.literal(password));
                if (!isSuperuser(admin)) {
                    // CREATE DATABASE … OWNER needs membership in the owner; the sandbox gains nothing from it.
                    execute(admin, "GRANT " + Sql.ident(name) + " TO CURRENT_USER");
                }
                execute(admin, "CREATE DATABASE " + Sql.ident(name) + " OWNER " + Sql.ident(name));
                files = login.withDbname(name).withLogin(name, password).withSetRole(null);
            }
            execute(admin, "REVOKE ALL ON DATABASE " + Sql.ident(name) + " FROM PUBLIC");
        } catch (SQLException e) {
            new TraceSandbox(admin, name, key, !asLogin, login).close();
            throw e;
        }
        return new TraceSandbox(admin, name, key, !asLogin, files);
    }

    /** Returns the scratch database's name. */
    String name() {
        return name;
    }

    /** Returns the login the files run as, pointing at the scratch database. */
    DbCredentials files() {
        return files;
    }

    /** Returns whether the files run as a throw-away role. */
    boolean sandboxed() {
        return ownRole;
    }

    /** Drops the scratch database and role and releases the lock; logs what cannot be dropped. */
    @Override
    public void close() {
        dropDatabase(admin, name, true);
        if (ownRole) {
            dropRole(admin, name);
        }
        try (PreparedStatement unlock = admin.prepareStatement("SELECT pg_advisory_unlock(?, ?)")) {
            unlock.setInt(1, LOCK_CLASS);
            unlock.setInt(2, key);
            unlock.execute();
        } catch (SQLException e) {
            log.debug("{}: cannot release the trace's lock: {}", name, e.getMessage());
        }
    }

    /**
     * Drops the {@code routing_trace_*} databases and roles of earlier runs: those nobody is connected to
     * and whose run's advisory lock nobody holds.
     *
     * @return the names dropped
     */
    static List<String> dropLeftovers(Connection admin) throws SQLException {
        List<String> dropped = new ArrayList<>();
        List<String> databases = names(
                admin,
                "SELECT d.datname FROM pg_database d WHERE d.datname ~ '" + LEFTOVER_REGEX + "'"
                        + " AND NOT EXISTS (SELECT 1 FROM pg_stat_activity a WHERE a.datid = d.oid)");
        for (String db : databases) {
            if (!running(admin, db) && dropDatabase(admin, db, false)) {
                dropped.add(db);
            }
        }
        List<String> roles = names(
                admin,
                "SELECT r.rolname FROM pg_roles r WHERE r.rolname ~ '" + LEFTOVER_REGEX + "'"
                        + " AND NOT EXISTS (SELECT 1 FROM pg_database d WHERE d.datname = r.rolname)"
                        + " AND NOT EXISTS (SELECT 1 FROM pg_stat_activity a WHERE a.usename = r.rolname)");
        for (String role : roles) {
            if (!running(admin, role) && dropRole(admin, role)) {
                dropped.add(role);
            }
        }
        if (!dropped.isEmpty()) {
            log.info("trace: dropped leftovers of earlier runs: {}", dropped);
        }
        return dropped;
    }

    /** Whether the run that named {@code name} still holds its lock. */
    private static boolean running(Connection admin, String name) throws SQLException {
        var m = LEFTOVER.matcher(name);
        if (!m.matches()) {
            return true;
        }
        long key = Integer.toUnsignedLong(Integer.parseUnsignedInt(m.group(1), 16));
        try (PreparedStatement s = admin.prepareStatement("SELECT EXISTS (SELECT 1 FROM pg_locks WHERE locktype ="
                + " 'advisory' AND classid::bigint = ? AND objid::bigint = ? AND objsubid = 2)")) {
            s.setLong(1, LOCK_CLASS);
            s.setLong(2, key);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }

    private static boolean dropDatabase(Connection admin, String db, boolean force) {
        try {
            execute(admin, "DROP DATABASE IF EXISTS " + Sql.ident(db) + (force ? " WITH (FORCE)" : ""));
            return true;
        } catch (SQLException e) {
            if (force) {
                return dropDatabase(admin, db, false); // WITH (FORCE) needs PostgreSQL 13
            }
            log.warn("{}: cannot drop the trace's scratch database: {}", db, e.getMessage());
            return false;
        }
    }

    private static boolean dropRole(Connection admin, String role) {
        try {
            execute(admin, "DROP ROLE IF EXISTS " + Sql.ident(role));
            return true;
        } catch (SQLException e) {
            log.warn("{}: cannot drop the trace's role: {}", role, e.getMessage());
            return false;
        }
    }

    static boolean isSuperuser(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")) {
            return rs.next() && rs.getBoolean(1);
        }
    }

    private static List<String> names(Connection c, String sql) throws SQLException {
        List<String> names = new ArrayList<>();
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }

    private static void execute(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.setEscapeProcessing(false);
            s.execute(sql);
        }
    }

    private static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}
