package dev.approuting.admin.internal;

import dev.approuting.core.PoolState;
import dev.approuting.core.ReaderHealth;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Renders a {@link Snapshot} as the admin page: one self-contained HTML document with a stylesheet
 * from the jar, no script, every text escaped. It reloads itself with a {@code meta refresh}.
 */
public final class HtmlPage {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private HtmlPage() {}

    /** Renders {@code snapshot}; the page reloads every {@code refresh}. */
    public static String render(Snapshot snapshot, Duration refresh) {
        StringBuilder b = new StringBuilder(8192);
        String admin = snapshot.adminService().value();
        long up = snapshot.databases().stream()
                .filter(Snapshot.Database::reachable)
                .count();
        b.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta http-equiv=\"refresh\" content=\"")
                .append(Math.max(1, refresh.toSeconds()))
                .append("\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>Databases of ")
                .append(escape(admin))
                .append(
                        "</title>\n<link rel=\"stylesheet\" href=\"/admin.css\">\n</head>\n<body>\n<header>\n<h1>Databases of <code>")
                .append(escape(admin))
                .append("</code></h1>\n<p class=\"meta\">")
                .append(escape(snapshot.environment().name().toLowerCase(Locale.ROOT)))
                .append(" view · checked ")
                .append(escape(TIME.format(snapshot.takenAt())))
                .append(" · refreshes every ")
                .append(Math.max(1, refresh.toSeconds()))
                .append(" s · read-only</p>\n</header>\n<p id=\"summary\" class=\"summary ")
                .append(snapshot.allReachable() ? "ok" : "bad")
                .append("\">")
                .append(up)
                .append(" of ")
                .append(snapshot.databases().size())
                .append(" databases reachable · ")
                .append(snapshot.pendingCount())
                .append(snapshot.pendingCount() == 1 ? " migration pending</p>\n" : " migrations pending</p>\n");
        databases(b, snapshot);
        routes(b, snapshot);
        b.append("<footer>JSON: <a href=\"/status\">/status</a> · <a href=\"/health\">/health</a> · ")
                .append("Prometheus: <a href=\"/metrics\">/metrics</a></footer>\n</body>\n</html>\n");
        return b.toString();
    }

    private static void databases(StringBuilder b, Snapshot snapshot) {
        b.append("<h2>Databases</h2>\n<table id=\"databases\">\n<thead><tr><th>Database</th><th>Server</th>")
                .append("<th>State</th><th>Pool</th><th>Apps: version, pending, lint of pending</th></tr></thead>\n")
                .append("<tbody>\n");
        for (Snapshot.Database d : snapshot.databases()) {
            String db = escape(d.db().value());
            b.append("<tr id=\"db-")
                    .append(db)
                    .append("\" data-db=\"")
                    .append(db)
                    .append("\" class=\"")
                    .append(d.reachable() ? "up" : "down")
                    .append("\">\n<td class=\"db\">")
                    .append(db);
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
            b.append("</ul></td>\n</tr>\n");
        }
        b.append("</tbody>\n</table>\n");
    }

    private static void app(StringBuilder b, Snapshot.App app) {
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
                        .append(escape(finding.message()))
                        .append("</li>");
            }
            b.append("</ul>");
        }
        b.append("</li>");
    }

    private static String pool(@Nullable PoolState pool) {
        if (pool == null) {
            return "<span class=\"none\">none here</span>";
        }
        if (!pool.open()) {
            return "<span class=\"none\">not opened yet</span>";
        }
        return pool.counters();
    }

    private static String reader(@Nullable ReaderHealth reader) {
        if (reader == null) {
            return "";
        }
        Duration lag = reader.lag();
        return "<br><span class=\"reader\">reader " + escape(reader.server()) + ": "
                + reader.state().name().toLowerCase(Locale.ROOT) + ", lag "
                + (lag == null ? "unknown" : lag.toMillis() + " ms") + ", " + reader.replicaReads() + " reads, "
                + reader.fallbacks() + " fallbacks to the writer</span>";
    }

    private static void routes(StringBuilder b, Snapshot snapshot) {
        b.append("<h2>Routing</h2>\n<table id=\"routing\">\n<thead><tr><th>Service</th><th>App</th>")
                .append("<th>Database</th></tr></thead>\n<tbody>\n");
        for (Snapshot.Route route : snapshot.routes()) {
            b.append("<tr><td>").append(escape(route.service().value()));
            if (route.admin()) {
                b.append(" <span class=\"tag\">admin</span>");
            }
            b.append("</td><td>")
                    .append(escape(route.app().value()))
                    .append("</td><td>")
                    .append(escape(route.db().value()))
                    .append("</td></tr>\n");
        }
        b.append("</tbody>\n</table>\n");
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
