package dev.approuting.cli.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.approuting.core.DbName;
import dev.approuting.core.ErrorCode;
import dev.approuting.core.ReaderHealth;
import dev.approuting.core.support.Json;
import dev.approuting.flyway.AppMigrationResult;
import dev.approuting.flyway.BaselineReport;
import dev.approuting.flyway.DatabaseMigrationResult;
import dev.approuting.flyway.MigrateAllReport;
import dev.approuting.flyway.RepairReport;
import dev.approuting.flyway.StatusJson;
import dev.approuting.flyway.StatusReport;
import dev.approuting.flyway.ValidationReport;
import java.util.Optional;
import java.util.function.Function;

/** Renders reports as JSON documents with stable field names (times in milliseconds). */
final class JsonReports {
    private JsonReports() {}

    static String migrateAll(MigrateAllReport report) {
        ObjectNode root = Json.object();
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
            StatusJson.error(d, db.error());
            Json.strings(d.putArray("orphanedHistories"), db.orphanedHistories());
            ArrayNode apps = d.putArray("apps");
            for (AppMigrationResult app : db.apps()) {
                ObjectNode a = apps.addObject();
                a.put("app", app.app().value());
                a.put("outcome", app.outcome().name());
                Json.strings(a.putArray("applied"), app.applied());
                Json.strings(a.putArray("pending"), app.pending());
                a.put("currentVersion", app.currentVersion());
                a.put("newHistory", app.newHistory());
                a.put("durationMillis", app.duration().toMillis());
                StatusJson.error(a, app.error());
            }
        }
        return write(root);
    }

    static String status(StatusReport report) {
        return write(StatusJson.report(report));
    }

    static String status(StatusReport report, Function<DbName, Optional<ReaderHealth>> readers) {
        return write(StatusJson.report(report, readers));
    }

    static String validation(ValidationReport report) {
        ObjectNode root = Json.object();
        root.put("valid", report.valid());
        root.put("checked", report.checked());
        ArrayNode problems = root.putArray("problems");
        for (ValidationReport.Problem problem : report.problems()) {
            ObjectNode p = problems.addObject();
            p.put("db", problem.db().value());
            p.put("app", problem.app() == null ? null : problem.app().value());
            p.put("migration", problem.migration());
            p.put("message", problem.message());
            ErrorCode code = problem.code();
            p.put("code", code == null ? null : code.name());
        }
        return write(root);
    }

    static String repair(RepairReport report) {
        ObjectNode root = Json.object();
        root.put("dryRun", report.dryRun());
        root.put("success", report.success());
        root.put("changed", report.changed());
        ArrayNode repairs = root.putArray("repairs");
        for (RepairReport.Repair repair : report.repairs()) {
            ObjectNode r = repairs.addObject();
            r.put("db", repair.db().value());
            r.put("app", repair.app().value());
            Json.strings(r.putArray("removed"), repair.removed());
            Json.strings(r.putArray("aligned"), repair.aligned());
            Json.strings(r.putArray("deleted"), repair.deleted());
            StatusJson.error(r, repair.error());
        }
        return write(root);
    }

    static String baseline(BaselineReport report) {
        ObjectNode root = Json.object();
        root.put("dryRun", report.dryRun());
        root.put("success", report.success());
        root.put("version", report.version());
        ArrayNode baselines = root.putArray("baselines");
        for (BaselineReport.Baseline baseline : report.baselines()) {
            ObjectNode b = baselines.addObject();
            b.put("db", baseline.db().value());
            b.put("app", baseline.app().value());
            b.put("outcome", baseline.outcome().name());
            StatusJson.error(b, baseline.error());
        }
        return write(root);
    }

    private static String write(ObjectNode root) {
        return Json.write(root);
    }
}
