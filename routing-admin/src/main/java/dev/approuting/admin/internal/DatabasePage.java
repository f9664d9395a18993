package dev.approuting.admin.internal;

import static dev.approuting.admin.internal.HtmlPage.escape;

import dev.approuting.flyway.AppliedMigration;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Renders the page of one logical database ({@code /db/{db}}): its server's facts, its apps with their
 * whole migration history, pending migrations with the lint findings and their fixes, the services that
 * use it, its login roles and, when the data browser is on, links to its tables. Every text escaped.
 */
final class DatabasePage {
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT).withZone(ZoneOffset.UTC);

    private DatabasePage() {}

    /**
     * Renders the page.
     *
     * @param snapshot the snapshot the row comes from
     * @param d the database
     * @param facts what its server says, or {@code null} when it could not be asked
     * @param factsError why the facts are missing, or {@code null}
     * @param browsable whether the data browser is on
     */
    static String render(
            Snapshot snapshot,
            Snapshot.Database d,
            @Nullable ServerFacts facts,
            @Nullable String factsError,
            boolean browsable) {
        String db = escape(d.db().value());
        StringBuilder b = new StringBuilder(8192);
        HtmlPage.head(
                b,
                "Database " + d.db().value() + " · "
                        + snapshot.environment().name().toLowerCase(Locale.ROOT),
                null);
        b.append("<nav class=\"crumbs\"><a href=\"/\">Databases of ")
                .append(escape(snapshot.adminService().value()))
                .append("</a> › ")
                .append(db)
                .append("</nav>\n<header>\n<h1>Database <code>")
                .append(db)
                .append("</code>");
        if (d.devOnly()) {
            b.append(" <span class=\"tag dev\">dev-only</span>");
        }
        b.append("</h1>\n</header>\n");
        server(b, d, facts, factsError);
        b.append("<h2>Services that use it</h2>\n<p id=\"services\">");
        List<String> services = HtmlPage.servicesOf(snapshot, d.db());
        b.append(
                        services.isEmpty()
                                ? "<span class=\"none\">none but the admin view</span>"
                                : escape(String.join(", ", services)))
                .append("</p>\n");
        apps(b, d, browsable);
        if (facts != null) {
            logins(b, facts);
        }
        b.append("<footer>JSON: <a href=\"/health/")
                .append(db)
                .append("\">/health/")
                .append(db)
                .append("</a> · read-only</footer>\n</body>\n</html>\n");
        return b.toString();
    }

    private static void server(
            StringBuilder b, Snapshot.Database d, @Nullable ServerFacts facts, @Nullable String error) {
        b.append("<h2>Server</h2>\n<dl id=\"server\" class=\"facts\">\n<dt>server</dt><dd>")
                .append(d.server() == null ? "<span class=\"none\">no credentials</span>" : escape(d.server()))
                .append("</dd>\n<dt>state</dt><dd>")
                .append(
                        d.reachable()
                                ? "<span class=\"ok\">reachable</span>"
                                : "<span class=\"bad\">unreachable</span>")
                .append("</dd>\n<dt>pool</dt><dd>")
                .append(HtmlPage.pool(d.pool()))
                .append(HtmlPage.reader(d.reader()))
                .append("</dd>\n");
        if (facts == null) {
            b.append("<dt>facts</dt><dd class=\"error\">")
                    .append(escape(error == null ? "not read" : error))
                    .append("</dd>\n</dl>\n");
            return;
        }
        int total = facts.connections().stream()
                .mapToInt(ServerFacts.RoleConnections::sessions)
                .sum();
        b.append("<dt>PostgreSQL</dt><dd id=\"version\">")
                .append(escape(facts.version()))
                .append(facts.inRecovery() ? " (standby)" : "")
                .append("</dd>\n<dt>size</dt><dd id=\"size\">")
                .append(ServerFacts.size(facts.sizeBytes()))
                .append("</dd>\n<dt>connections</dt><dd id=\"connections\">")
                .append(total)
                .append(" of max_connections ")
                .append(facts.maxConnections())
                .append(" (")
                .append(facts.connectionPercent())
                .append(" %)<ul>");
        for (ServerFacts.RoleConnections r : facts.connections()) {
            b.append("<li><code>")
                    .append(escape(r.role()))
                    .append("</code> ")
                    .append(r.sessions())
                    .append(r.limit() < 0 ? " (no role limit)" : " of its limit " + r.limit())
                    .append("</li>");
        }
        b.append("</ul></dd>\n<dt>longest transaction</dt><dd id=\"longest\">")
                .append(facts.longestTransaction() == null ? "none open" : duration(facts.longestTransaction()))
                .append("</dd>\n<dt>waiting locks</dt><dd id=\"locks\">")
                .append(facts.waitingLocks() == 0 ? "none" : "<span class=\"warn\">" + facts.waitingLocks() + "</span>")
                .append("</dd>\n<dt>replicas</dt><dd id=\"replicas\">");
        if (facts.replicas().isEmpty()) {
            b.append("<span class=\"none\">none streaming from this server</span>");
        }
        for (ServerFacts.Replica r : facts.replicas()) {
            Duration lag = r.replayLag();
            b.append("<div><code>")
                    .append(escape(r.name()))
                    .append("</code> ")
                    .append(escape(r.state()))
                    .append(", replay lag ")
                    .append(lag == null ? "none reported" : duration(lag))
                    .append("</div>");
        }
        b.append("</dd>\n</dl>\n");
    }

    private static void apps(StringBuilder b, Snapshot.Database d, boolean browsable) {
        b.append("<h2>Apps</h2>\n");
        String db = escape(d.db().value());
        for (Snapshot.App app : d.apps()) {
            String name = escape(app.app().value());
            b.append("<section class=\"app\" id=\"app-")
                    .append(name)
                    .append("\">\n<h3><code>")
                    .append(name)
                    .append("</code>");
            if (browsable && app.known()) {
                b.append(" <a class=\"browse\" href=\"/browse/")
                        .append(db)
                        .append('/')
                        .append(name)
                        .append("\">browse tables</a>");
            }
            b.append("</h3>\n<ul class=\"summary-line\">");
            HtmlPage.app(b, app);
            b.append("</ul>\n");
            List<AppliedMigration> history = app.status().history();
            if (history.isEmpty()) {
                b.append("<p class=\"none\">no history</p>\n</section>\n");
                continue;
            }
            b.append("<table class=\"history\">\n<thead><tr><th>Version</th><th>Description</th><th>Type</th>")
                    .append(
                            "<th>Installed on (UTC)</th><th>By</th><th>Time</th><th>Success</th></tr></thead>\n<tbody>\n");
            for (AppliedMigration m : history) {
                b.append("<tr class=\"")
                        .append(m.success() ? "applied" : "failed")
                        .append("\"><td>")
                        .append(escape(version(m)))
                        .append("</td><td>")
                        .append(escape(m.description()))
                        .append("</td><td>")
                        .append(escape(m.type()))
                        .append("</td><td>")
                        .append(m.installedOn() == null ? "" : escape(TIME.format(m.installedOn())))
                        .append("</td><td>")
                        .append(escape(String.valueOf(m.installedBy())))
                        .append("</td><td>")
                        .append(m.executionTime().toMillis())
                        .append(" ms</td><td>")
                        .append(m.success() ? "yes" : "<span class=\"bad\">failed</span>")
                        .append("</td></tr>\n");
            }
            b.append("</tbody>\n</table>\n</section>\n");
        }
    }

    private static String version(AppliedMigration m) {
        String version = m.version();
        if (version != null) {
            return version;
        }
        return m.type().equals("SCHEMA") ? "" : "repeatable";
    }

    private static void logins(StringBuilder b, ServerFacts facts) {
        b.append("<h2>Login roles</h2>\n");
        if (facts.logins().isEmpty()) {
            b.append("<p id=\"logins\" class=\"none\">no numbered login roles made by init-db for this database</p>\n");
            return;
        }
        b.append("<table id=\"logins\">\n<thead><tr><th>Role</th><th>Namespace</th><th>Number</th><th>Sessions</th>")
                .append("<th>State</th></tr></thead>\n<tbody>\n");
        for (ServerFacts.LoginRole r : facts.logins()) {
            b.append("<tr><td><code>")
                    .append(escape(r.role()))
                    .append("</code></td><td>")
                    .append(escape(r.namespace()))
                    .append("</td><td>")
                    .append(r.number())
                    .append("</td><td>")
                    .append(r.sessions())
                    .append("</td><td>");
            if (r.current()) {
                b.append("<span class=\"ok\">current (the admin logs in with it)</span>");
            } else if (r.awaitingRetirement()) {
                b.append("<span class=\"warn\">older: waiting for retireOld(true) (init-db --retire-old)</span>");
            } else {
                b.append("newest of its namespace");
            }
            if (!r.canLogin()) {
                b.append(" <span class=\"none\">(NOLOGIN)</span>");
            }
            b.append("</td></tr>\n");
        }
        b.append("</tbody>\n</table>\n");
    }

    private static String duration(Duration d) {
        long ms = d.toMillis();
        if (ms < 1000) {
            return ms + " ms";
        }
        long s = d.toSeconds();
        return s < 120 ? s + " s" : (s / 60) + " min " + (s % 60) + " s";
    }
}
