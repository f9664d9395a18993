package dev.approuting.cli.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.approuting.flyway.AppMigrationResult;
import dev.approuting.flyway.AppStatus;
import dev.approuting.flyway.DatabaseMigrationResult;
import dev.approuting.flyway.DatabaseStatus;
import dev.approuting.flyway.MigrateAllReport;
import dev.approuting.flyway.MigrationError;
import dev.approuting.flyway.StatusReport;
import dev.approuting.flyway.ValidationReport;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Renders reports as JSON documents with stable field names (times in milliseconds). */
final class Json {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Json() {}

    static String migrateAll(MigrateAllReport report) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("dryRun", report.dryRun());
        root.put("success", report.success());
        root.put("parallelism", report.parallelism());
        root.put("durationMillis", report.duration().toMillis());
        root.put("applied", report.appliedCount());
        root.put("pending", report.pendingCount());
        ArrayNode dbs = root.putArray("databases");
        for (DatabaseMigrationResult db : report.databases()) {
            ObjectNode d = dbs.addObject();
            d.put("db", db.db().value());
            d.put("success", db.success());
            d.put("durationMillis", db.duration().toMillis());
            error(d, db.error());
            strings(d.putArray("orphanedHistories"), db.orphanedHistories());
            ArrayNode apps = d.putArray("apps");
            for (AppMigrationResult app : db.apps()) {
                ObjectNode a = apps.addObject();
                a.put("app", app.app().value());
                a.put("outcome", app.outcome().name());
                strings(a.putArray("applied"), app.applied());
                strings(a.putArray("pending"), app.pending());
                a.put("currentVersion", app.currentVersion());
                a.put("newHistory", app.newHistory());
                a.put("durationMillis", app.duration().toMillis());
                error(a, app.error());
            }
        }
        return write(root);
    }

    static String status(StatusReport report) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("upToDate", report.upToDate());
        root.put("pending", report.pendingCount());
        ArrayNode dbs = root.putArray("databases");
        for (DatabaseStatus db : report.databases()) {
            ObjectNode d = dbs.addObject();
            d.put("db", db.db().value());
            d.put("reachable", db.reachable());
            d.put("upToDate", db.upToDate());
            error(d, db.error());
            strings(d.putArray("orphanedHistories"), db.orphanedHistories());
            ArrayNode apps = d.putArray("apps");
            for (AppStatus app : db.apps()) {
                ObjectNode a = apps.addObject();
                a.put("app", app.app().value());
                a.put("currentVersion", app.currentVersion());
                a.put("historyPresent", app.historyPresent());
                a.put("upToDate", app.upToDate());
                strings(a.putArray("pending"), app.pending());
                strings(a.putArray("failed"), app.failed());
                strings(a.putArray("checksumMismatches"), app.checksumMismatches());
                strings(a.putArray("missing"), app.missing());
            }
        }
        return write(root);
    }

    static String validation(ValidationReport report) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("valid", report.valid());
        root.put("checked", report.checked());
        ArrayNode problems = root.putArray("problems");
        for (ValidationReport.Problem problem : report.problems()) {
            ObjectNode p = problems.addObject();
            p.put("db", problem.db().value());
            p.put("app", problem.app() == null ? null : problem.app().value());
            p.put("migration", problem.migration());
            p.put("message", problem.message());
        }
        return write(root);
    }

    private static void error(ObjectNode node, @Nullable MigrationError error) {
        if (error == null) {
            node.putNull("error");
            return;
        }
        ObjectNode e = node.putObject("error");
        e.put("message", error.message());
        e.put("script", error.script());
        e.put("line", error.line());
        e.put("sqlState", error.sqlState());
    }

    private static void strings(ArrayNode array, List<String> values) {
        values.forEach(array::add);
    }

    private static String write(ObjectNode root) {
        try {
            return MAPPER.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render JSON", e);
        }
    }
}
