package dev.approuting.admin.internal;

import dev.approuting.core.DbName;
import dev.approuting.core.PoolState;
import dev.approuting.core.ReaderHealth;
import dev.approuting.flyway.AppliedMigration;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Renders a {@link Snapshot} as the admin page: one HTML document with a stylesheet and a small filter
 * script from the jar (the filter also works without it, as a GET form filtered here), every text
 * escaped. It reloads itself with a {@code meta refresh}.
 */
public final class HtmlPage {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private HtmlPage() {}

    /** Renders {@code snapshot}; the page reloads every {@code refresh}. */
    public static String render(Snapshot snapshot, Duration refresh) {
        return render(snapshot, refresh, "");
    }

    /**
     * Renders {@code snapshot} with only the databases and routes that match {@code filter} (a database,
     * app or service name, or part of one; empty for all); the page reloads every {@code refresh}.
     */
    public static String render(Snapshot snapshot, Duration refresh, String filter) {
        StringBuilder b = new StringBuilder(8192);
        String admin = snapshot.adminService().value();
        String environment = snapshot.environment().name().toLowerCase(Locale.ROOT);
        String q = filter.strip().toLowerCase(Locale.ROOT);
        long up = snapshot.databases().stream()
                .filter(Snapshot.Database::reachable)
                .count();
        head(b, "Databases of " + admin + " · " + environment, refresh);
        b.append("<header>\n<h1>Databases of <code>")
                .append(escape(admin))
                .append("</code></h1>\n<p class=\"meta\">")
                .append(escape(environment))
                .append(" view · checked ")
                .append(escape(TIME.format(snapshot.takenAt())))
                .append(" · refreshes every ")
                .append(Math.max(1, refresh.toSeconds()))
                .append(" s · read-only</p>\n");
        lastRun(b, snapshot);
        b.append("</header>\n<p id=\"summary\" class=\"summary ")
                .append(snapshot.allReachable() ? "ok" : "bad")
                .append("\">")
                .append(up)
                .append(" of ")
                .append(snapshot.databases().size())
                .append(" databases reachable · ")
                .append(snapshot.pendingCount())
                .append(snapshot.pendingCount() == 1 ? " migration pending</p>\n" : " migrations pending</p>\n");
        b.append("<form id=\"filter\" method=\"get\" action=\"/\"><label for=\"q\">Filter</label> ")
                .append("<input id=\"q\" name=\"q\" type=\"search\" value=\"")
                .append(escape(filter.strip()))
                .append("\" placeholder=\"database, app or service\"> <button type=\"submit\">Filter</button>");
        if (!q.isEmpty()) {
            b.append(" <a href=\"/\">show all</a>");
        }
        b.append("</form>\n");
        databases(b, snapshot, q);
        routes(b, snapshot, q);
        b.append("<footer>JSON: <a href=\"/status\">/status</a> · <a href=\"/health\">/health</a> · ")
                .append("Prometheus: <a href=\"/metrics\">/metrics</a></footer>\n")
                .append("<script src=\"/admin.js\"></script>\n</body>\n</html>\n");
        return b.toString();
    }

    /** Opens a page: doctype, head with {@code title}, the stylesheet and the reload, and {@code <body>}. */
    static void head(StringBuilder b, String title, @Nullable Duration refresh) {
        b.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        if (refresh != null) {
            b.append("<meta http-equiv=\"refresh\" content=\"")
                    .append(Math.max(1, refresh.toSeconds()))
                    .append("\">\n");
        }
        b.append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>")
                .append(escape(title))
                .append("</title>\n<link rel=\"stylesheet\" href=\"/admin.css\">\n</head>\n<body>\n");
    }

    /** The newest migration applied in any database, from the histories: the last migrate-all run. */
    private static void lastRun(StringBuilder b, Snapshot snapshot) {
        AppliedMigration last = null;
        DbName where = null;
        for (Snapshot.Database d : snapshot.databases()) {
            for (Snapshot.App app : d.apps()) {
                for (AppliedMigration m : app.status().history()) {
                    Instant on = m.installedOn();
                    Instant best = last == null ? null : last.installedOn();
                    if (on != null && (best == null || on.isAfter(best))) {
                        last = m;
                        where = d.db();
                    }
                }
            }
        }
        b.append("<p id=\"last-run\" class=\"meta\">");
        if (last == null || where == null) {
            b.append("no migration applied in any reachable database yet</p>\n");
            return;
        }
        b.append("last migration applied ")
                .append(escape(TIME.format(Objects.requireNonNull(last.installedOn()))))
                .append(" by <code>")
                .append(escape(String.valueOf(last.installedBy())))
                .append("</code> in <a href=\"/db/")
                .append(escape(where.value()))
                .append("\">")
                .append(escape(where.value()))
                .append("</a></p>\n");
    }

    /** Returns the services (not the admin view) that route an app to {@code db}, sorted. */
    static List<String> servicesOf(Snapshot snapshot, DbName db) {
        return snapshot.routes().stream()
                .filter(r -> !r.admin() && r.db().equals(db))
                .map(r -> r.service().value())
                .distinct()
                .sorted()
                .toList();
    }

    private static boolean matches(Snapshot snapshot, Snapshot.Database d, String q) {
        if (q.isEmpty() || d.db().value().contains(q)) {
            return true;
        }
        return d.apps().stream().anyMatch(a -> a.app().value().contains(q))
                || servicesOf(snapshot, d.db()).stream().anyMatch(s -> s.contains(q));
    }

    private static void databases(StringBuilder b, Snapshot snapshot, String q) {
        b.append("<h2>Databases</h2>\n<table id=\"databases\">\n<thead><tr><th>Database</th><th>Server</th>")
                .append("<th>State</th><th>Pool</th><th>Apps: version, pending, lint of pending</th>")
                .append("<th>Services that use it</th></tr></thead>\n<tbody>\n");
        for (Snapshot.Database d : snapshot.databases()) {
            if (!matches(snapshot, d, q)) {
                continue;
            }
            String db = escape(d.db().value());
            b.append("<tr id=\"db-")
                    .append(db)
                    .append("\" data-db=\"")
                    .append(db)
                    .append("\" class=\"")
                    .append(d.reachable() ? "up" : "down")
                    .append("\">\n<td class=\"db\"><a href=\"/db/")
                    .append(db)
                    .append("\">")
                    .append(db)
                    .append("</a>");
            if (d.devOnly()) {
                b.append(" <span class=\"tag dev\">dev-only</span>");
            }
            b.append("</td>\n<td class=\"server\">")
                    .append(d.server() == null ? "<span class=\"none\">no credentials</span>" : escape(d.server()))
                    .append("</td>\n<td class=\"state\">");
            if (d.reachable()) {
                b.append("<span class=\"ok\">reachable</span> <span class=\"ms\">")
                        .append(d.probeMillis())
                        .append(" ms</span>");
            } else {
                b.append("<span class=\"bad\">unreachable</span>");
            }
            String error = d.error();
            if (error != null) {
                b.append("<div class=\"error\">").append(escape(error)).append("</div>");
            }
            b.append("</td>\n<td class=\"pool\">")
                    .append(pool(d.pool()))
                    .append(reader(d.reader()))
                    .append("</td>\n<td class=\"apps\"><ul>");
            for (Snapshot.App app : d.apps()) {
                app(b, app);
            }
            for (String schema : d.orphanedHistories()) {
                b.append("<li><code>")
                        .append(escape(schema))
                        .append("</code> <span class=\"warn\">orphaned history: app no longer routed here</span></li>");
            }
            b.append("</ul></td>\n<td class=\"services\">")
                    .append(escape(String.join(", ", servicesOf(snapshot, d.db()))))
                    .append("</td>\n</tr>\n");
        }
        b.append("</tbody>\n</table>\n");
    }

    static void app(StringBuilder b, Snapshot.App app) {
        b.append("<li data-app=\"")
                .append(escape(app.app().value()))
                .append("\"><code>")
                .append(escape(app.app().value()))
                .append("</code> ");
        if (!app.known()) {
            b.append("<span class=\"none\">unknown</span></li>");
            return;
        }
        String version = app.version();
        b.append("<span class=\"version\">")
                .append(version == null ? "none" : "v" + escape(version))
                .append("</span> ");
        if (app.pending().isEmpty()) {
            b.append("<span class=\"ok\">up to date</span>");
        } else {
            b.append("<span class=\"pending\">")
                    .append(app.pending().size())
                    .append(" pending: ")
                    .append(escape(String.join(", ", app.pending())))
                    .append("</span>");
        }
        for (String problem : app.problems()) {
            b.append(" <span class=\"warn\">").append(escape(problem)).append("</span>");
        }
        if (!app.lint().isEmpty()) {
            b.append("<ul class=\"lint\">");
            for (Snapshot.Lint finding : app.lint()) {
                b.append("<li class=\"lint-")
                        .append(escape(finding.severity()))
                        .append("\"><code>")
                        .append(escape(finding.script()))
                        .append(finding.line() > 0 ? ":" + finding.line() : "")
                        .append("</code> ")
                        .append(escape(finding.severity()))
                        .append(" <code>")
                        .append(escape(finding.rule()))
                        .append("</code>: ")
                        .append(escape(finding.message()));
                if (!finding.fix().isEmpty()) {
                    b.append("<div class=\"fix\">fix: ")
                            .append(escape(finding.fix()))
                            .append("</div>");
                }
                b.append("</li>");
            }
            b.append("</ul>");
        }
        b.append("</li>");
    }

    static String pool(@Nullable PoolState pool) {
        if (pool == null) {
            return "<span class=\"none\">none here</span>";
        }
        if (!pool.open()) {
            return "<span class=\"none\">not opened yet</span>";
        }
        return pool.counters();
    }

    static String reader(@Nullable ReaderHealth reader) {
        if (reader == null) {
            return "";
        }
        Duration lag = reader.lag();
        return "<br><span class=\"reader\">reader " + escape(reader.server()) + ": "
                + reader.state().name().toLowerCase(Locale.ROOT) + ", lag "
                + (lag == null ? "unknown" : lag.toMillis() + " ms") + ", " + reader.replicaReads() + " reads, "
                + reader.fallbacks() + " fallbacks to the writer</span>";
    }

    private static void routes(StringBuilder b, Snapshot snapshot, String q) {
        b.append("<h2>Routing</h2>\n<table id=\"routing\">\n<thead><tr><th>Service</th><th>App</th>")
                .append("<th>Database</th></tr></thead>\n");
        Map<DbName, List<Snapshot.Route>> byDb = new LinkedHashMap<>();
        snapshot.databases().forEach(d -> byDb.put(d.db(), new ArrayList<>()));
        for (Snapshot.Route route : snapshot.routes()) {
            byDb.computeIfAbsent(route.db(), k -> new ArrayList<>()).add(route);
        }
        for (Map.Entry<DbName, List<Snapshot.Route>> group : byDb.entrySet()) {
            String db = escape(group.getKey().value());
            List<Snapshot.Route> rows = group.getValue().stream()
                    .filter(r -> q.isEmpty()
                            || r.db().value().contains(q)
                            || r.app().value().contains(q)
                            || r.service().value().contains(q))
                    .sorted(Comparator.comparing((Snapshot.Route r) -> r.admin())
                            .thenComparing(r -> r.service().value())
                            .thenComparing(r -> r.app().value()))
                    .toList();
            if (rows.isEmpty()) {
                continue;
            }
            b.append("<tbody data-db=\"")
                    .append(db)
                    .append("\">\n<tr class=\"group\"><th colspan=\"3\">")
                    .append(db)
                    .append(" <span class=\"meta\">")
                    .append(rows.size())
                    .append(rows.size() == 1 ? " route" : " routes")
                    .append("</span></th></tr>\n");
            for (Snapshot.Route route : rows) {
                b.append("<tr><td>").append(escape(route.service().value()));
                if (route.admin()) {
                    b.append(" <span class=\"tag\">admin</span>");
                }
                b.append("</td><td>")
                        .append(escape(route.app().value()))
                        .append("</td><td>")
                        .append(db)
                        .append("</td></tr>\n");
            }
            b.append("</tbody>\n");
        }
        b.append("</table>\n");
    }

    /** Escapes {@code text} for HTML element content and double-quoted attribute values. */
    static String escape(String text) {
        StringBuilder b = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
