package dev.approuting.admin.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.approuting.core.PoolState;
import dev.approuting.core.support.Json;
import dev.approuting.flyway.StatusJson;
import java.util.List;

/** Renders snapshots and errors as JSON documents with stable field names. */
public final class JsonView {
    private JsonView() {}

    /**
     * Renders what the page shows: every database with its apps, and the routing table. Each database and
     * app is {@link StatusJson}'s object (the schema of {@code routing status --format json}) with the page's
     * own fields added: the probe, the pool, and the lint of pending scripts.
     */
    public static String status(Snapshot snapshot) {
        ObjectNode root = Json.object();
        root.put("adminService", snapshot.adminService().value());
        root.put("environment", snapshot.environment().name());
        root.put("checkedAt", snapshot.takenAt().toString());
        root.put("allReachable", snapshot.allReachable());
        root.put("pending", snapshot.pendingCount());
        ArrayNode dbs = root.putArray("databases");
        for (Snapshot.Database d : snapshot.databases()) {
            ObjectNode n = StatusJson.database(d.status());
            n.put("status", d.reachable() ? "UP" : "DOWN");
            n.put("server", d.server());
            n.put("probeMillis", d.probeMillis());
            n.put("devOnly", d.devOnly());
            StatusJson.reader(n, java.util.Optional.ofNullable(d.reader()));
            PoolState pool = d.pool();
            if (pool == null) {
                n.putNull("pool");
            } else {
                ObjectNode p = n.putObject("pool");
                p.put("open", pool.open());
                p.put("total", pool.total());
                p.put("active", pool.active());
                p.put("idle", pool.idle());
                p.put("waiting", pool.waiting());
            }
            ArrayNode apps = n.putArray("apps");
            for (Snapshot.App app : d.apps()) {
                ObjectNode a = StatusJson.app(app.status());
                ArrayNode lint = a.putArray("lint");
                for (Snapshot.Lint finding : app.lint()) {
                    ObjectNode f = lint.addObject();
                    f.put("script", finding.script());
                    f.put("line", finding.line());
                    f.put("severity", finding.severity());
                    f.put("rule", finding.rule());
                    f.put("message", finding.message());
                    f.put("fix", finding.fix());
                }
                apps.add(a);
            }
            dbs.add(n);
        }
        ArrayNode routes = root.putArray("routes");
        for (Snapshot.Route route : snapshot.routes()) {
            ObjectNode r = routes.addObject();
            r.put("service", route.service().value());
            r.put("app", route.app().value());
            r.put("db", route.db().value());
            r.put("admin", route.admin());
        }
        return write(root);
    }

    /** Renders the reachability of every database: {@code status} is {@code UP} when all answered. */
    public static String health(Snapshot snapshot) {
        ObjectNode root = Json.object();
        root.put("status", snapshot.allReachable() ? "UP" : "DOWN");
        root.put("checkedAt", snapshot.takenAt().toString());
        ArrayNode dbs = root.putArray("databases");
        snapshot.databases().forEach(d -> health(dbs.addObject(), d));
        return write(root);
    }

    /** Renders the reachability of one database. */
    public static String health(Snapshot snapshot, Snapshot.Database database) {
        ObjectNode root = health(Json.object(), database);
        root.put("checkedAt", snapshot.takenAt().toString());
        return write(root);
    }

    /** Renders an error document {@code {"error": message, ...}} with an optional list of choices. */
    public static String error(String message, String choicesField, List<String> choices) {
        ObjectNode root = Json.object();
        root.put("error", message);
        if (!choices.isEmpty()) {
            Json.strings(root.putArray(choicesField), choices);
        }
        return write(root);
    }

    private static ObjectNode health(ObjectNode n, Snapshot.Database d) {
        n.put("db", d.db().value());
        n.put("status", d.reachable() ? "UP" : "DOWN");
        n.put("reachable", d.reachable());
        n.put("server", d.server());
        n.put("probeMillis", d.probeMillis());
        n.put("error", d.error());
        return n;
    }

    private static String write(ObjectNode root) {
        return Json.write(root) + "\n";
    }
}
