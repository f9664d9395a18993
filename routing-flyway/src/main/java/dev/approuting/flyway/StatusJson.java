package dev.approuting.flyway;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.approuting.core.DbName;
import dev.approuting.core.ErrorCode;
import dev.approuting.core.ReaderHealth;
import dev.approuting.core.support.Json;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The one JSON schema of migration status, written by {@code routing status --format json} and the admin
 * page's {@code /status} alike (the page adds its own fields to the same objects):
 *
 * <pre>{@code
 * {"upToDate": false, "pending": 1, "databases": [
 *   {"db": "users", "reachable": true, "upToDate": false, "error": null, "orphanedHistories": [],
 *    "apps": [{"app": "users", "known": true, "version": "3", "historyPresent": true, "upToDate": false,
 *              "hasNoTables": false, "noMigrations": null,
 *              "pending": ["4"], "failed": [], "checksumMismatches": [], "missing": [], "problems": [],
 *              "history": [{"version": "1", "description": "create users", "type": "SQL",
 *                           "script": "V1__create_users.sql", "installedOn": "2026-01-02T03:04:05Z",
 *                           "installedBy": "users_owner", "executionTimeMillis": 12, "success": true}]}]}]}
 * }</pre>
 *
 * A database with a reader (read replica) gets {@code "reader"} from {@link #reader}: {@code null} when it
 * has none, else {@code {"server", "state", "reachable", "error", "lagMillis", "replayLsn", "replicaReads",
 * "fallbacks"}} ({@code lagMillis} {@code null} when unknown; reads and fallbacks are those of the process
 * that reports, 0 for the command line).
 *
 * <p>{@code error} is {@code null} or {@code {"message", "script", "line", "sqlState", "code"}}; {@code code} is the
 * {@link ErrorCode} of failures approuting raised, such as {@code INVALID_CREDENTIALS} for a missing or malformed
 * secret, else {@code null}.
 */
public final class StatusJson {
    private StatusJson() {}

    /** Returns the whole report. */
    public static ObjectNode report(StatusReport report) {
        ObjectNode root = Json.object();
        root.put("upToDate", report.upToDate());
        root.put("pending", report.pendingCount());
        ArrayNode dbs = root.putArray("databases");
        report.databases().forEach(db -> dbs.add(database(db)));
        return root;
    }

    /**
     * Returns the whole report with each database's reader, as {@code readers} finds it (such as
     * {@code db -> ReaderHealth.check(db, credentials, maxLag, timeout)}).
     */
    public static ObjectNode report(StatusReport report, Function<DbName, Optional<ReaderHealth>> readers) {
        ObjectNode root = report(report);
        for (int i = 0; i < report.databases().size(); i++) {
            reader(
                    (ObjectNode) root.withArray("databases").get(i),
                    readers.apply(report.databases().get(i).db()));
        }
        return root;
    }

    /** Returns one database with its apps. */
    public static ObjectNode database(DatabaseStatus status) {
        ObjectNode d = Json.object();
        d.put("db", status.db().value());
        d.put("reachable", status.reachable());
        d.put("upToDate", status.upToDate());
        error(d, status.error());
        Json.strings(d.putArray("orphanedHistories"), status.orphanedHistories());
        ArrayNode apps = d.putArray("apps");
        status.apps().forEach(app -> apps.add(app(app)));
        return d;
    }

    /**
     * Puts the reader of a database into its object {@code node} as {@code "reader"}: {@code null} when
     * there is none, else its state, whether it answered, its lag and how many reads it served or sent
     * to the writer.
     */
    public static void reader(ObjectNode node, Optional<ReaderHealth> reader) {
        if (reader.isEmpty()) {
            node.putNull("reader");
            return;
        }
        ReaderHealth r = reader.get();
        ObjectNode n = node.putObject("reader");
        n.put("server", r.server());
        n.put("state", r.state().name());
        n.put("reachable", r.state() != ReaderHealth.State.DOWN);
        n.put("error", r.error());
        Duration lag = r.lag();
        if (lag == null) {
            n.putNull("lagMillis");
        } else {
            n.put("lagMillis", lag.toMillis());
        }
        n.put("replayLsn", r.replayLsn());
        n.put("replicaReads", r.replicaReads());
        n.put("fallbacks", r.fallbacks());
    }

    /** Returns one app. */
    public static ObjectNode app(AppStatus status) {
        ObjectNode a = Json.object();
        a.put("app", status.app().value());
        a.put("known", status.known());
        a.put("version", status.currentVersion());
        a.put("historyPresent", status.historyPresent());
        a.put("upToDate", status.upToDate());
        a.put("hasNoTables", status.hasNoTables());
        a.put("noMigrations", status.noMigrations());
        Json.strings(a.putArray("pending"), status.pending());
        Json.strings(a.putArray("failed"), status.failed());
        Json.strings(a.putArray("checksumMismatches"), status.checksumMismatches());
        Json.strings(a.putArray("missing"), status.missing());
        Json.strings(a.putArray("problems"), status.problems());
        ArrayNode history = a.putArray("history");
        for (AppliedMigration row : status.history()) {
            ObjectNode h = history.addObject();
            h.put("version", row.version());
            h.put("description", row.description());
            h.put("type", row.type());
            h.put("script", row.script());
            h.put("installedOn", row.installedOn() == null ? null : String.valueOf(row.installedOn()));
            h.put("installedBy", row.installedBy());
            h.put("executionTimeMillis", row.executionTime().toMillis());
            h.put("success", row.success());
        }
        return a;
    }

    /** Puts {@code error} into {@code node} as {@code "error"}: {@code null} or its message, script, line and SQLState. */
    public static void error(ObjectNode node, @Nullable MigrationError error) {
        if (error == null) {
            node.putNull("error");
            return;
        }
        ObjectNode e = node.putObject("error");
        e.put("message", error.message());
        e.put("script", error.script());
        e.put("line", error.line());
        e.put("sqlState", error.sqlState());
        ErrorCode code = error.code();
        e.put("code", code == null ? null : code.name());
    }
}
