package dev.approuting.lint.internal;

import dev.approuting.core.DbCredentials;
import dev.approuting.core.ErrorCode;
import dev.approuting.core.RoutingException;
import dev.approuting.core.support.ConnectOptions;
import dev.approuting.core.support.Connections;
import dev.approuting.core.support.Sql;
import dev.approuting.lint.FileTrace;
import dev.approuting.lint.FileTrace.ChangeKind;
import dev.approuting.lint.FileTrace.SchemaChange;
import dev.approuting.lint.FileTrace.StatementTrace;
import dev.approuting.lint.FileTrace.TableLock;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The traced engine: applies migration files in Flyway order to a scratch database it creates (and
 * drops) on a real PostgreSQL, as a throw-away role that owns only that database ({@link TraceSandbox}),
 * with Flyway's placeholders replaced ({@link Placeholders}), each file in one transaction when Flyway would run it so, and reads after
 * every statement the table locks its session holds ({@code pg_locks}), the sequential scans it began
 * ({@code pg_stat_xact_all_tables}), the relfilenodes and the columns of the tables (and materialized
 * views) that existed before the file.
 */
public final class Tracer {
    private static final ConnectOptions TRACE = ConnectOptions.of("approuting-lint-trace");
    private static final Logger log = LoggerFactory.getLogger(Tracer.class);
    private static final Pattern SCHEMA_NAME = Pattern.compile("[a-z][a-z0-9_]{0,62}");
    private static final String SNAPSHOT_SQL = "SELECT c.oid, n.nspname, c.relname, c.relfilenode, a.attnum, a.attname,"
            + " format_type(a.atttypid, a.atttypmod), a.attnotnull, a.atthasdef,"
            + " (a.attidentity <> '' OR a.attgenerated <> '')"
            + " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
            + " LEFT JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped"
            + " WHERE c.relkind IN ('r', 'p', 'm') AND n.nspname <> 'information_schema' AND n.nspname NOT LIKE 'pg\\_%'"
            + " ORDER BY c.oid, a.attnum";
    private static final String LOCKS_SQL = "SELECT relation, mode FROM pg_locks"
            + " WHERE pid = pg_backend_pid() AND locktype = 'relation' AND granted";
    /**
     * Sequential scans begun in this transaction, per table: counted when a scan starts (a table scan, a
     * rewrite's read, an index build's read), stable until the transaction ends.
     */
    private static final String SCANS_SQL = "SELECT relid, seq_scan FROM pg_stat_xact_all_tables"
            + " WHERE schemaname <> 'information_schema' AND schemaname NOT LIKE 'pg\\_%'";

    private Tracer() {}

    /**
     * One file to trace.
     *
     * @param file the file after the static rules
     * @param folder its migration folder; its name becomes the schema the file runs in, as Flyway's
     *     per-app default schema does, when it is a valid app name
     */
    public record Input(LintedFile file, String folder) {}

    /**
     * What the traced run saw.
     *
     * @param server the server, such as {@code PostgreSQL 17.11 on localhost:5432}
     * @param majorVersion the server's major version
     * @param traces one per input, in order; null for a file after a failing one
     */
    public record Result(String server, int majorVersion, List<@Nullable FileTrace> traces) {}

    /**
     * Creates a scratch database and a throw-away role owning only it, applies the files to it as that
     * role, and drops both; leftovers of earlier, killed runs are dropped first.
     *
     * @param admin a login with {@code CREATEDB} and {@code CREATEROLE}, pointing at an existing database
     * @param inputs the files, in Flyway order
     * @return what happened, per file and statement
     * @throws RoutingException ({@link ErrorCode#DATABASE_UNAVAILABLE}) when the server cannot be reached
     *     or the scratch database or role cannot be created
     */
    public static Result trace(DbCredentials admin, List<Input> inputs) {
        return trace(admin, inputs, false);
    }

    /**
     * Like {@link #trace(DbCredentials, List)}; with {@code asLogin} the files run as {@code admin} itself,
     * with all its rights (superuser included), in a scratch database it creates.
     *
     * @param admin the trace's login
     * @param inputs the files, in Flyway order
     * @param asLogin whether to run the files as {@code admin} instead of a throw-away role
     * @return what happened, per file and statement
     * @throws RoutingException ({@link ErrorCode#DATABASE_UNAVAILABLE}) as {@link #trace(DbCredentials, List)}
     */
    public static Result trace(DbCredentials admin, List<Input> inputs, boolean asLogin) {
        try (Connection adminConnection = Connections.open(admin, TRACE)) {
            TraceSandbox sandbox;
            try {
                sandbox = TraceSandbox.open(adminConnection, admin, asLogin);
            } catch (SQLException e) {
                throw RoutingException.of(
                        ErrorCode.DATABASE_UNAVAILABLE,
                        "cannot prepare the trace on " + admin.server() + " as " + admin.user() + ": "
                                + e.getMessage() + "; give a login with CREATEDB" + (asLogin ? "" : " and CREATEROLE")
                                + " (the trace creates and drops a scratch database"
                                + (asLogin ? ")" : " and a throw-away role that runs the files)"),
                        e);
            }
            try (sandbox) {
                return traceIn(sandbox, inputs);
            }
        } catch (SQLException e) {
            throw RoutingException.of(
                    ErrorCode.DATABASE_UNAVAILABLE,
                    "cannot trace the migrations on " + admin.server() + " as " + admin.user() + ": " + e.getMessage()
                            + "; check that the server is reachable and that the login may connect (a login with CREATEDB"
                            + (asLogin ? "" : " and CREATEROLE") + ")",
                    e);
        }
    }

    private static Result traceIn(TraceSandbox sandbox, List<Input> inputs) throws SQLException {
        List<@Nullable FileTrace> traces = new ArrayList<>();
        DbCredentials scratch = sandbox.files();
        try (Connection c = Connections.open(scratch, TRACE)) {
            if (sandbox.sandboxed() && TraceSandbox.isSuperuser(c)) {
                throw new SQLException("the trace's throw-away role " + scratch.user() + " is a superuser");
            }
            String version = single(c, "SELECT current_setting('server_version')");
            int major = Integer.parseInt(single(c, "SELECT current_setting('server_version_num')")) / 10_000;
            int space = version.indexOf(' ');
            String server =
                    "PostgreSQL " + (space < 0 ? version : version.substring(0, space)) + " on " + scratch.server();
            log.info("{}: tracing {} migration files on {}", scratch.dbname(), inputs.size(), server);
            String schema = null;
            boolean failed = false;
            for (Input input : inputs) {
                if (failed) {
                    traces.add(null);
                    continue;
                }
                String folderSchema = schemaOf(input.folder());
                if (!folderSchema.equals(schema)) {
                    schema = folderSchema;
                    c.setAutoCommit(true);
                    execute(c, "CREATE SCHEMA IF NOT EXISTS " + Sql.ident(schema));
                    execute(c, "SET search_path TO " + Sql.ident(schema) + ", public");
                }
                Placeholders placeholders = Placeholders.forTrace(
                        folderSchema,
                        scratch.dbname(),
                        scratch.user(),
                        input.file().report().path());
                FileTrace trace = new FileRun(c, input.file(), placeholders).run();
                failed = trace.error() != null;
                traces.add(trace);
            }
            return new Result(server, major, traces);
        }
    }

    private static String schemaOf(String folder) {
        String name = folder.replace('\\', '/');
        name = name.substring(name.lastIndexOf('/') + 1);
        return SCHEMA_NAME.matcher(name).matches() ? name : "public";
    }

    private static void execute(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.setEscapeProcessing(false);
            s.execute(sql);
        }
    }

    private static String single(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    /** A column as the catalog has it. */
    private record Col(String name, String type, boolean notNull, boolean hasDefault, boolean filled) {}

    /** A table as the catalog has it, columns by attnum. */
    private record Rel(String schema, String name, long filenode, Map<Integer, Col> cols) {
        String qualified() {
            return schema + "." + name;
        }
    }

    private static Map<Long, Rel> snapshot(Connection c) throws SQLException {
        Map<Long, Rel> rels = new LinkedHashMap<>();
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(SNAPSHOT_SQL)) {
            while (rs.next()) {
                long oid = rs.getLong(1);
                Rel rel = rels.get(oid);
                if (rel == null) {
                    rel = new Rel(rs.getString(2), rs.getString(3), rs.getLong(4), new LinkedHashMap<>());
                    rels.put(oid, rel);
                }
                int attnum = rs.getInt(5);
                if (!rs.wasNull()) {
                    Col col = new Col(
                            rs.getString(6), rs.getString(7), rs.getBoolean(8), rs.getBoolean(9), rs.getBoolean(10));
                    rel.cols().put(attnum, col);
                }
            }
        }
        return rels;
    }

    private static Map<Long, String> locks(Connection c) throws SQLException {
        Map<Long, String> held = new HashMap<>();
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(LOCKS_SQL)) {
            while (rs.next()) {
                String mode = modeName(rs.getString(2));
                held.merge(rs.getLong(1), mode, (a, b) -> TableLock.strength(a) >= TableLock.strength(b) ? a : b);
            }
        }
        return held;
    }

    private static Map<Long, Long> scans(Connection c) throws SQLException {
        Map<Long, Long> counts = new HashMap<>();
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(SCANS_SQL)) {
            while (rs.next()) {
                counts.put(rs.getLong(1), rs.getLong(2));
            }
        }
        return counts;
    }

    /** {@code AccessExclusiveLock} → {@code ACCESS EXCLUSIVE}. */
    static String modeName(String pgMode) {
        String bare = pgMode.endsWith("Lock") ? pgMode.substring(0, pgMode.length() - 4) : pgMode;
        return bare.replaceAll("([a-z])([A-Z])", "$1 $2").toUpperCase(Locale.ROOT);
    }

    /** Runs one file and records each statement. */
    private static final class FileRun {
        private final Connection c;
        private final LintedFile file;
        private final Placeholders placeholders;
        private final List<StatementTrace> statements = new ArrayList<>();

        FileRun(Connection c, LintedFile file, Placeholders placeholders) {
            this.c = c;
            this.file = file;
            this.placeholders = placeholders;
        }

        FileTrace run() throws SQLException {
            Map<Long, Rel> before = snapshot(c);
            Map<Long, Rel> previous = before;
            Map<Long, String> heldBefore = Map.of();
            c.setAutoCommit(!file.inTransaction());
            String lockTimeout = single(c, "SELECT current_setting('lock_timeout')");
            Map<Long, Long> scansBefore = file.inTransaction() ? scans(c) : Map.of();
            for (LintedFile.Statement statement : file.statements()) {
                try {
                    execute(c, placeholders.replace(statement.text()));
                } catch (SQLException e) {
                    rollback();
                    String error = "line " + statement.line() + ": "
                            + String.valueOf(e.getMessage()).strip()
                            + (e.getSQLState() == null ? "" : " (SQLState " + e.getSQLState() + ")");
                    return new FileTrace(file.inTransaction(), statements, error);
                }
                Map<Long, Rel> now = snapshot(c);
                boolean observable = file.inTransaction() && !c.getAutoCommit();
                Map<Long, String> held = observable ? locks(c) : Map.of();
                Map<Long, Long> scansNow = observable ? scans(c) : Map.of();
                statements.add(new StatementTrace(
                        statement.line(),
                        statement.column(),
                        statement.text(),
                        lockTimeout,
                        taken(held, heldBefore, now, before),
                        rewritten(previous, now, before),
                        scanned(scansNow, scansBefore, now, before),
                        changes(previous, now, before)));
                lockTimeout = single(c, "SELECT current_setting('lock_timeout')");
                previous = now;
                heldBefore = held;
                scansBefore = scansNow;
            }
            if (!c.getAutoCommit()) {
                c.commit();
            }
            c.setAutoCommit(true);
            return new FileTrace(file.inTransaction(), statements, null);
        }

        private void rollback() {
            try {
                if (!c.getAutoCommit()) {
                    c.rollback();
                }
                c.setAutoCommit(true);
            } catch (SQLException e) {
                log.debug("trace: rollback after a failed statement failed: {}", e.getMessage());
            }
        }

        /** The locks held now that are new or stronger than before the statement. */
        private static List<TableLock> taken(
                Map<Long, String> held, Map<Long, String> heldBefore, Map<Long, Rel> now, Map<Long, Rel> before) {
            List<TableLock> locks = new ArrayList<>();
            for (Map.Entry<Long, String> lock : held.entrySet()) {
                String was = heldBefore.get(lock.getKey());
                if (was != null && TableLock.strength(was) >= TableLock.strength(lock.getValue())) {
                    continue;
                }
                // A table that existed before the file keeps its name from then, even when the statement renamed it.
                Rel rel = before.containsKey(lock.getKey()) ? before.get(lock.getKey()) : now.get(lock.getKey());
                if (rel != null) {
                    locks.add(new TableLock(rel.qualified(), lock.getValue(), before.containsKey(lock.getKey())));
                }
            }
            locks.sort((a, b) -> a.table().compareTo(b.table()));
            return locks;
        }

        /** The tables that existed before the file on which the statement began a sequential scan. */
        private static List<String> scanned(
                Map<Long, Long> scans, Map<Long, Long> scansBefore, Map<Long, Rel> now, Map<Long, Rel> before) {
            List<String> tables = new ArrayList<>();
            for (Map.Entry<Long, Long> e : scans.entrySet()) {
                Rel rel = now.containsKey(e.getKey()) ? now.get(e.getKey()) : before.get(e.getKey());
                if (rel != null
                        && before.containsKey(e.getKey())
                        && e.getValue() > scansBefore.getOrDefault(e.getKey(), 0L)) {
                    tables.add(rel.qualified());
                }
            }
            tables.sort(null);
            return tables;
        }

        private static List<String> rewritten(Map<Long, Rel> previous, Map<Long, Rel> now, Map<Long, Rel> before) {
            List<String> tables = new ArrayList<>();
            for (Map.Entry<Long, Rel> e : now.entrySet()) {
                Rel was = previous.get(e.getKey());
                if (was != null
                        && before.containsKey(e.getKey())
                        && was.filenode() != e.getValue().filenode()) {
                    tables.add(e.getValue().qualified());
                }
            }
            return tables;
        }

        private static List<SchemaChange> changes(Map<Long, Rel> previous, Map<Long, Rel> now, Map<Long, Rel> before) {
            List<SchemaChange> changes = new ArrayList<>();
            for (Map.Entry<Long, Rel> e : previous.entrySet()) {
                Rel original = before.get(e.getKey());
                if (original == null) {
                    continue;
                }
                Rel was = e.getValue();
                Rel is = now.get(e.getKey());
                if (is == null) {
                    changes.add(new SchemaChange(ChangeKind.TABLE_DROPPED, was.qualified(), null, "dropped"));
                    continue;
                }
                if (!is.qualified().equals(was.qualified())) {
                    changes.add(new SchemaChange(
                            ChangeKind.TABLE_RENAMED,
                            was.qualified(),
                            null,
                            was.qualified() + " -> " + is.qualified()));
                }
                for (Map.Entry<Integer, Col> col : was.cols().entrySet()) {
                    if (!original.cols().containsKey(col.getKey())) {
                        continue;
                    }
                    Col a = col.getValue();
                    Col b = is.cols().get(col.getKey());
                    if (b == null) {
                        changes.add(new SchemaChange(ChangeKind.COLUMN_DROPPED, was.qualified(), a.name(), "dropped"));
                        continue;
                    }
                    if (!a.name().equals(b.name())) {
                        changes.add(new SchemaChange(
                                ChangeKind.COLUMN_RENAMED, was.qualified(), a.name(), a.name() + " -> " + b.name()));
                    }
                    if (!a.type().equals(b.type())) {
                        changes.add(new SchemaChange(
                                ChangeKind.COLUMN_TYPE_CHANGED,
                                was.qualified(),
                                a.name(),
                                a.type() + " -> " + b.type()));
                    }
                    if (a.notNull() != b.notNull()) {
                        changes.add(new SchemaChange(
                                b.notNull() ? ChangeKind.NOT_NULL_SET : ChangeKind.NOT_NULL_DROPPED,
                                was.qualified(),
                                a.name(),
                                b.notNull() ? "set NOT NULL" : "dropped NOT NULL"));
                    }
                }
                for (Map.Entry<Integer, Col> col : is.cols().entrySet()) {
                    if (!was.cols().containsKey(col.getKey())) {
                        Col b = col.getValue();
                        changes.add(new SchemaChange(
                                ChangeKind.COLUMN_ADDED,
                                was.qualified(),
                                b.name(),
                                b.type()
                                        + (b.notNull() ? " NOT NULL" : "")
                                        + (b.hasDefault() ? " with a default" : "")
                                        + (b.filled() ? " (identity or generated)" : "")));
                    }
                }
            }
            return changes;
        }
    }

    /**
     * Returns whether a column added as {@code detail} describes (by {@link SchemaChange#detail()}) is NOT
     * NULL with nothing to fill it for the deployed code's inserts.
     */
    static boolean notNullWithoutDefault(String detail) {
        return detail.contains(" NOT NULL") && !detail.contains("with a default") && !detail.contains("(identity");
    }
}
