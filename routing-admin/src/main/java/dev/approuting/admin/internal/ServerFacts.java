package dev.approuting.admin.internal;

import dev.approuting.core.DbCredentials;
import dev.approuting.core.DbName;
import dev.approuting.core.support.ConnectOptions;
import dev.approuting.core.support.Connections;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * What the server of one logical database says about it, read in one read-only transaction with a
 * statement timeout: version, size, connections by role against the limits, the longest open
 * transaction, waiting locks, streaming replicas and the numbered login roles {@code init-db} made.
 *
 * @param version the server's {@code server_version}
 * @param sizeBytes {@code pg_database_size} of the database
 * @param maxConnections the server's {@code max_connections}
 * @param connections sessions in this database, by role
 * @param longestTransaction the age of the oldest open transaction in the database, or {@code null} when none
 * @param waitingLocks lock requests in the database not granted yet
 * @param inRecovery whether this server is itself a standby
 * @param replicas the streaming replicas this server feeds
 * @param logins the login roles made for this database, oldest first
 */
public record ServerFacts(
        String version,
        long sizeBytes,
        int maxConnections,
        List<RoleConnections> connections,
        @Nullable Duration longestTransaction,
        int waitingLocks,
        boolean inRecovery,
        List<Replica> replicas,
        List<LoginRole> logins) {
    /** The comment {@code init-db} puts on each login role it creates (see routing-flyway's provisioning). */
    private static final Pattern MARKER =
            Pattern.compile("approuting login role of database '([a-z0-9_]+)' for namespace '([^']+)'");

    private static final Pattern NUMBER = Pattern.compile(".*_([0-9]{4})");

    /** Copies the lists. */
    public ServerFacts {
        connections = List.copyOf(connections);
        replicas = List.copyOf(replicas);
        logins = List.copyOf(logins);
    }

    /**
     * Sessions of one role in the database.
     *
     * @param role the role, or {@code (background)} for server processes
     * @param sessions how many sessions it has open in this database
     * @param limit its {@code CONNECTION LIMIT}, -1 for none
     */
    public record RoleConnections(String role, int sessions, int limit) {}

    /**
     * One streaming replica.
     *
     * @param name its {@code application_name}
     * @param state its replication state
     * @param replayLag how far its replay is behind, or {@code null} when the server does not know
     */
    public record Replica(
            String name, String state, @Nullable Duration replayLag) {}

    /**
     * A numbered login role of a namespace.
     *
     * @param role the role name ({@code {db}_{namespace}_{NNNN}})
     * @param namespace the namespace it was made for
     * @param number its number, -1 when the name carries none
     * @param canLogin whether it may still log in
     * @param sessions its open sessions on the server
     * @param current whether it is the login of the credentials the admin server reads
     * @param awaitingRetirement whether a newer login of its namespace exists, so {@code retireOld(true)}
     *     ({@code init-db --retire-old}) would drop it
     */
    public record LoginRole(
            String role,
            String namespace,
            int number,
            boolean canLogin,
            int sessions,
            boolean current,
            boolean awaitingRetirement) {}

    /** Returns the share of {@code max_connections} the database's sessions use, in percent. */
    public int connectionPercent() {
        int total = connections.stream().mapToInt(RoleConnections::sessions).sum();
        return maxConnections <= 0 ? 0 : Math.round(100f * total / maxConnections);
    }

    /**
     * Reads the facts of {@code db} with {@code credentials}, in a read-only transaction whose statements
     * each stop after {@code timeout}.
     *
     * @throws SQLException when the server does not answer in time or refuses a query
     */
    public static ServerFacts read(DbName db, DbCredentials credentials, Duration timeout) throws SQLException {
        ConnectOptions options = ConnectOptions.of("approuting-admin")
                .withConnectTimeout(timeout)
                .withSocketTimeout(timeout.plusSeconds(1));
        try (Connection c = Connections.open(credentials, options)) {
            c.setReadOnly(true);
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute("SET LOCAL statement_timeout = " + Math.max(1, timeout.toMillis()));
            }
            String version;
            long size;
            int max;
            @Nullable Duration longest;
            int locks;
            boolean recovery;
            try (Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT current_setting('server_version'),"
                            + " pg_database_size(current_database()), current_setting('max_connections')::int,"
                            + " (SELECT extract(epoch FROM max(clock_timestamp() - xact_start))::float8"
                            + "    FROM pg_stat_activity WHERE datname = current_database()"
                            + "    AND xact_start IS NOT NULL AND pid <> pg_backend_pid()),"
                            + " (SELECT count(*) FROM pg_locks l JOIN pg_database d ON d.oid = l.database"
                            + "    WHERE NOT l.granted AND d.datname = current_database())::int,"
                            + " pg_is_in_recovery()")) {
                rs.next();
                version = rs.getString(1);
                size = rs.getLong(2);
                max = rs.getInt(3);
                double seconds = rs.getDouble(4);
                longest = rs.wasNull() ? null : Duration.ofMillis(Math.round(seconds * 1000));
                locks = rs.getInt(5);
                recovery = rs.getBoolean(6);
            }
            List<RoleConnections> connections = new ArrayList<>();
            try (Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT coalesce(a.usename::text, '(background)'), count(*)::int,"
                            + " coalesce(r.rolconnlimit, -1) FROM pg_stat_activity a"
                            + " LEFT JOIN pg_roles r ON r.rolname = a.usename WHERE a.datname = current_database()"
                            + " GROUP BY 1, 3 ORDER BY 2 DESC, 1")) {
                while (rs.next()) {
                    connections.add(new RoleConnections(rs.getString(1), rs.getInt(2), rs.getInt(3)));
                }
            }
            List<Replica> replicas = new ArrayList<>();
            try (Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT coalesce(application_name, ''), coalesce(state, ''),"
                            + " extract(epoch FROM replay_lag)::float8 FROM pg_stat_replication ORDER BY 1")) {
                while (rs.next()) {
                    double lag = rs.getDouble(3);
                    Duration replay = rs.wasNull() ? null : Duration.ofMillis(Math.round(lag * 1000));
                    replicas.add(new Replica(rs.getString(1), rs.getString(2), replay));
                }
            }
            List<LoginRole> logins = logins(c, db, credentials.user());
            c.rollback();
            return new ServerFacts(version, size, max, connections, longest, locks, recovery, replicas, logins);
        }
    }

    private static List<LoginRole> logins(Connection c, DbName db, String currentUser) throws SQLException {
        record Found(String role, String namespace, int number, boolean login, int sessions) {}
        List<Found> found = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT r.rolname, shobj_description(r.oid, 'pg_authid'),"
                + " r.rolcanlogin, (SELECT count(*) FROM pg_stat_activity a WHERE a.usename = r.rolname)::int"
                + " FROM pg_roles r WHERE shobj_description(r.oid, 'pg_authid') LIKE ? ORDER BY r.rolname")) {
            ps.setString(1, "approuting login role of database '" + db.value() + "'%");
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Matcher m = MARKER.matcher(String.valueOf(rs.getString(2)));
                    if (!m.matches() || !m.group(1).equals(db.value())) {
                        continue;
                    }
                    String role = rs.getString(1);
                    Matcher n = NUMBER.matcher(role);
                    int number = n.matches() ? Integer.parseInt(n.group(1)) : -1;
                    found.add(new Found(role, m.group(2), number, rs.getBoolean(3), rs.getInt(4)));
                }
            }
        }
        List<LoginRole> roles = new ArrayList<>();
        for (Found f : found) {
            int newest = found.stream()
                    .filter(o -> o.namespace().equals(f.namespace()))
                    .mapToInt(Found::number)
                    .max()
                    .orElse(f.number());
            roles.add(new LoginRole(
                    f.role(),
                    f.namespace(),
                    f.number(),
                    f.login(),
                    f.sessions(),
                    f.role().equals(currentUser),
                    f.number() < newest));
        }
        return roles;
    }

    /** Returns {@code bytes} in the unit people read: {@code 7.9 MB}. */
    public static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"kB", "MB", "GB", "TB"};
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }

    /** Returns the first role of {@code connections} named {@code role}. */
    Optional<RoleConnections> sessionsOf(String role) {
        return connections.stream().filter(r -> r.role().equals(role)).findFirst();
    }
}
