package dev.approuting.admin.internal;

import static dev.approuting.admin.internal.HtmlPage.escape;

import dev.approuting.core.AdminView;
import dev.approuting.core.AppName;
import dev.approuting.core.CredentialsSource;
import dev.approuting.core.DbCredentials;
import dev.approuting.core.DbName;
import dev.approuting.core.RoutingException;
import dev.approuting.core.support.ConnectOptions;
import dev.approuting.core.support.Connections;
import dev.approuting.core.support.Sql;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The read-only data browser, in the manner of Django's admin list view: per (database, app) the app's
 * tables, per table its columns and its rows a page at a time (keyset pagination on the primary key).
 *
 * <p>It reads only through the database's read-only role (the reader secret
 * {@code {namespace}-db-{db}-reader-creds}) and refuses a role that could write the app's schema; every
 * query runs in a read-only transaction with a statement timeout; a page holds at most
 * {@code pageSize} rows; values are escaped and cut at {@value #MAX_VALUE} characters; columns whose
 * name marks them sensitive are never read (selected as {@code NULL}). Every request needs one of the
 * browser's named tokens, and every browse is logged with the token's name, the table and the rows read.
 * At most {@value #CONCURRENT} browses run at once.
 */
public final class DataBrowser {
    private static final Logger log = LoggerFactory.getLogger(DataBrowser.class);

    /** The longest value shown; longer ones are cut. */
    static final int MAX_VALUE = 200;

    /** How many browses may run at once; more get 429. */
    static final int CONCURRENT = 2;

    /** Column names (or parts of them) masked even when the configuration names none. */
    public static final List<String> DEFAULT_SENSITIVE = List.of("password", "passwd", "token", "secret", "api_key");

    private final AdminView view;
    private final CredentialsSource credentials;
    private final Map<String, BearerToken> tokens;
    private final List<String> sensitive;
    private final int pageSize;
    private final Duration timeout;
    private final Semaphore permits = new Semaphore(CONCURRENT);

    /**
     * Creates the browser.
     *
     * @param view the databases it may read
     * @param credentials where their reader credentials come from
     * @param tokens the tokens by name (the name goes to the audit log, the token nowhere)
     * @param sensitive names, or parts of names, of columns to mask (lower case), besides {@link #DEFAULT_SENSITIVE}
     * @param pageSize rows per page
     * @param timeout the statement timeout of every query, and the connect timeout
     */
    public DataBrowser(
            AdminView view,
            CredentialsSource credentials,
            Map<String, BearerToken> tokens,
            List<String> sensitive,
            int pageSize,
            Duration timeout) {
        this.view = view;
        this.credentials = credentials;
        this.tokens = Map.copyOf(tokens);
        List<String> all = new ArrayList<>(DEFAULT_SENSITIVE);
        sensitive.forEach(s -> all.add(s.toLowerCase(Locale.ROOT)));
        this.sensitive = List.copyOf(all);
        this.pageSize = pageSize;
        this.timeout = timeout;
    }

    /** Returns the name of the token {@code authorization} carries, if it is one of the browser's. */
    Optional<String> tokenName(@Nullable String authorization) {
        String found = null;
        for (Map.Entry<String, BearerToken> e : tokens.entrySet()) {
            if (e.getValue().accepts(authorization)) {
                found = e.getKey();
            }
        }
        return Optional.ofNullable(found);
    }

    /** Returns whether a column of this name is masked. */
    boolean masked(String column) {
        String c = column.toLowerCase(Locale.ROOT);
        return sensitive.stream().anyMatch(c::contains);
    }

    /**
     * Serves {@code /browse/{db}/{app}} and {@code /browse/{db}/{app}/{table}}.
     *
     * @param rest the path after {@code /browse/}
     * @param after the {@code after} parameters (the last primary key of the previous page)
     * @param authorization the request's {@code Authorization} header
     */
    Page serve(String rest, List<String> after, @Nullable String authorization) {
        Optional<String> who = tokenName(authorization);
        if (who.isEmpty()) {
            log.warn("admin: data browser: refused /browse/{} without a valid browse token", rest);
            Page refused = Page.error(
                    401,
                    "Token required",
                    "the data browser needs one of its tokens: send the header 'Authorization: Bearer <token>'"
                            + " with a token given to browseToken(name, token)");
            return new Page(
                    refused.status(),
                    refused.type(),
                    refused.body(),
                    Map.of("WWW-Authenticate", "Bearer realm=\"approuting data browser\""));
        }
        String[] parts = rest.split("/", -1);
        if (parts.length < 2 || parts.length > 3) {
            return Page.error(
                    404, "No such page", "the data browser has /browse/{db}/{app} and /browse/{db}/{app}/{table}");
        }
        DbName db;
        AppName app;
        try {
            db = DbName.of(parts[0]);
            app = AppName.of(parts[1]);
            if (!view.require(db).apps().contains(app)) {
                return Page.error(
                        404,
                        "No such app",
                        "app '" + app + "' is not routed to database '" + db + "' in the admin view; its apps are "
                                + view.require(db).apps());
            }
        } catch (RoutingException e) {
            return Page.error(404, "No such database or app", String.valueOf(e.getMessage()));
        }
        if (!permits.tryAcquire()) {
            return Page.error(
                    429,
                    "Busy",
                    "database '" + db + "': " + CONCURRENT + " browses are running already; try again in a moment");
        }
        try {
            Optional<DbCredentials> reader = readOnlyLogin(db);
            if (reader.isEmpty()) {
                return Page.error(403, "No read-only role", refusal(db));
            }
            try (Connection c = open(reader.get())) {
                String problem = writable(c, db, app);
                if (problem != null) {
                    log.warn("{}: data browser: refused: {}", db, problem);
                    return Page.error(403, "Not a read-only role", problem);
                }
                List<Table> tables = tables(c, app);
                if (parts.length == 2) {
                    log.info(
                            "{}: data browser: token '{}' listed the {} tables of app '{}'",
                            db,
                            who.get(),
                            tables.size(),
                            app);
                    return Page.html(200, tablesPage(db, app, tables));
                }
                Optional<Table> table =
                        tables.stream().filter(t -> t.name().equals(parts[2])).findFirst();
                if (table.isEmpty()) {
                    return Page.error(
                            404,
                            "No such table",
                            "app '" + app + "' in database '" + db + "' has no table '" + parts[2]
                                    + "' that its read-only role may read; its tables are "
                                    + tables.stream().map(Table::name).toList());
                }
                Rows rows = rows(c, app, table.get(), after);
                log.info(
                        "{}: data browser: token '{}' read {} rows of {}.{}{}",
                        db,
                        who.get(),
                        rows.values().size(),
                        app,
                        table.get().name(),
                        after.isEmpty() ? "" : " after " + after.size() + " key value(s)");
                return Page.html(200, rowsPage(db, app, table.get(), rows, !after.isEmpty()));
            }
        } catch (SQLException e) {
            String state = e.getSQLState() == null ? "" : " (SQLState " + e.getSQLState() + ")";
            boolean slow = "57014".equals(e.getSQLState());
            log.warn("{}: data browser: {} failed: {}{}", db, rest, e.getMessage(), state);
            return Page.error(
                    slow ? 504 : 502,
                    slow ? "Too slow" : "Query failed",
                    "database '" + db + "', app '" + app + "': "
                            + (slow
                                    ? "the query took longer than the browser's statement timeout of "
                                            + timeout.toMillis()
                                            + " ms; browse a smaller table or raise browseTimeout(…)"
                                    : e.getMessage() + state));
        } finally {
            permits.release();
        }
    }

    private Optional<DbCredentials> readOnlyLogin(DbName db) {
        Optional<DbCredentials> reader = credentials.findReader(db);
        if (reader.isEmpty()) {
            return reader;
        }
        Optional<DbCredentials> writer;
        try {
            writer = Optional.of(credentials.require(db));
        } catch (RoutingException e) {
            writer = Optional.empty();
        }
        DbCredentials r = reader.get();
        boolean sameLogin = writer.isPresent()
                && writer.get().user().equals(r.user())
                && writer.get().server().equals(r.server());
        return sameLogin ? Optional.empty() : reader;
    }

    private String refusal(DbName db) {
        return "database '" + db + "': the data browser reads only through a read-only role, and "
                + credentials.describeReader(db) + " (or its reader secret holds the owner's login): provision a"
                + " read-only role (LOGIN, SELECT on the apps' schemas, default privileges for new tables) and give"
                + " its login as the reader secret of '" + db + "'";
    }

    private Connection open(DbCredentials reader) throws SQLException {
        Connection c = Connections.open(
                reader,
                ConnectOptions.of("approuting-admin-browser")
                        .withConnectTimeout(timeout)
                        .withSocketTimeout(timeout.plusSeconds(2)));
        try {
            c.setReadOnly(true);
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute("SET LOCAL statement_timeout = " + Math.max(1, timeout.toMillis()));
                s.execute("SET LOCAL lock_timeout = " + Math.max(1, timeout.toMillis()));
            }
            return c;
        } catch (SQLException e) {
            c.close();
            throw e;
        }
    }

    /** Returns why the role may write the app's schema, or {@code null} when it may not. */
    private static @Nullable String writable(Connection c, DbName db, AppName app) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT current_user, r.rolsuper,"
                + " coalesce(has_schema_privilege(?, 'CREATE'), false),"
                + " EXISTS (SELECT 1 FROM pg_namespace n WHERE n.nspname = ? AND pg_has_role(n.nspowner, 'USAGE'))"
                + " FROM pg_roles r WHERE r.rolname = current_user")) {
            ps.setString(1, app.value());
            ps.setString(2, app.value());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                String user = rs.getString(1);
                if (rs.getBoolean(2) || rs.getBoolean(3) || rs.getBoolean(4)) {
                    return "database '" + db + "', app '" + app + "': the reader secret logs in as '" + user
                            + "', which "
                            + (rs.getBoolean(2) ? "is a superuser" : "may create in or owns schema '" + app + "'")
                            + "; the data browser uses only a role with nothing but SELECT: give the reader secret"
                            + " the login of such a role";
                }
                return null;
            }
        } catch (SQLException e) {
            if ("3F000".equals(e.getSQLState())) {
                return null;
            }
            throw e;
        }
    }

    private record Table(String name, String kind, long estimate) {}

    private record Column(String name, String type, boolean masked) {}

    private record Rows(List<Column> columns, List<String> key, List<List<@Nullable String>> values, boolean more) {}

    private static List<Table> tables(Connection c, AppName app) throws SQLException {
        List<Table> tables = new ArrayList<>();
        try (PreparedStatement ps =
                c.prepareStatement("SELECT c.relname, c.relkind::text, greatest(c.reltuples, 0)::bigint"
                        + " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                        + " WHERE n.nspname = ? AND c.relkind IN ('r', 'p', 'v', 'm')"
                        + " AND has_table_privilege(c.oid, 'SELECT') ORDER BY c.relname")) {
            ps.setString(1, app.value());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    tables.add(new Table(rs.getString(1), rs.getString(2), rs.getLong(3)));
                }
            }
        }
        return tables;
    }

    private Rows rows(Connection c, AppName app, Table table, List<String> after) throws SQLException {
        String qualified = Sql.ident(app.value()) + "." + Sql.ident(table.name());
        List<Column> columns = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT a.attname, format_type(a.atttypid, a.atttypmod)"
                + " FROM pg_attribute a WHERE a.attrelid = ?::regclass AND a.attnum > 0 AND NOT a.attisdropped"
                + " ORDER BY a.attnum")) {
            ps.setString(1, qualified);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    columns.add(new Column(rs.getString(1), rs.getString(2), masked(rs.getString(1))));
                }
            }
        }
        List<String> key = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT a.attname FROM pg_index i"
                + " CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, ord)"
                + " JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum"
                + " WHERE i.indrelid = ?::regclass AND i.indisprimary ORDER BY k.ord")) {
            ps.setString(1, qualified);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    key.add(rs.getString(1));
                }
            }
        }
        StringBuilder sql = new StringBuilder("SELECT ");
        for (int i = 0; i < columns.size(); i++) {
            Column col = columns.get(i);
            if (i > 0) {
                sql.append(", ");
            }
            // a masked column is never read, unless the key needs it for the next page
            sql.append(col.masked() && !key.contains(col.name()) ? "NULL" : Sql.ident(col.name()) + "::text");
        }
        sql.append(" FROM ").append(qualified);
        boolean paging = !key.isEmpty() && after.size() == key.size();
        if (paging) {
            sql.append(" WHERE (");
            sql.append(String.join(", ", key.stream().map(Sql::ident).toList()));
            sql.append(") > (");
            for (int i = 0; i < key.size(); i++) {
                String k = key.get(i);
                String type = columns.stream()
                        .filter(col -> col.name().equals(k))
                        .findFirst()
                        .map(Column::type)
                        .orElse("text");
                sql.append(i > 0 ? ", " : "").append("CAST(? AS ").append(type).append(')');
            }
            sql.append(')');
        }
        if (!key.isEmpty()) {
            sql.append(" ORDER BY ")
                    .append(String.join(", ", key.stream().map(Sql::ident).toList()));
        }
        sql.append(" LIMIT ").append(pageSize + 1);
        List<List<@Nullable String>> values = new ArrayList<>();
        boolean more = false;
        try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
            if (paging) {
                for (int i = 0; i < after.size(); i++) {
                    ps.setString(i + 1, after.get(i));
                }
            }
            ps.setMaxRows(pageSize + 1);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (values.size() == pageSize) {
                        more = true;
                        break;
                    }
                    List<@Nullable String> row = new ArrayList<>();
                    for (int i = 1; i <= columns.size(); i++) {
                        row.add(rs.getString(i));
                    }
                    values.add(row);
                }
            }
        }
        c.rollback();
        return new Rows(columns, key, values, more);
    }

    private String tablesPage(DbName db, AppName app, List<Table> tables) {
        StringBuilder b = new StringBuilder(4096);
        HtmlPage.head(b, "Tables of " + app + " in " + db, null);
        crumbs(b, db, app, null);
        b.append("<h1>Tables of <code>").append(escape(app.value())).append("</code></h1>\n");
        if (tables.isEmpty()) {
            b.append("<p class=\"none\">no table its read-only role may read</p>\n</body>\n</html>\n");
            return b.toString();
        }
        b.append(
                "<table id=\"tables\">\n<thead><tr><th>Table</th><th>Kind</th><th>Rows (estimate)</th></tr></thead>\n<tbody>\n");
        for (Table t : tables) {
            b.append("<tr><td><a href=\"")
                    .append(base(db, app))
                    .append('/')
                    .append(escape(t.name()))
                    .append("\">")
                    .append(escape(t.name()))
                    .append("</a></td><td>")
                    .append(
                            switch (t.kind()) {
                                case "v" -> "view";
                                case "m" -> "materialized view";
                                case "p" -> "partitioned table";
                                default -> "table";
                            })
                    .append("</td><td>")
                    .append(t.estimate())
                    .append("</td></tr>\n");
        }
        b.append("</tbody>\n</table>\n</body>\n</html>\n");
        return b.toString();
    }

    private String rowsPage(DbName db, AppName app, Table table, Rows rows, boolean paged) {
        StringBuilder b = new StringBuilder(8192);
        HtmlPage.head(b, app + "." + table.name() + " in " + db, null);
        crumbs(b, db, app, table.name());
        b.append("<h1><code>")
                .append(escape(app.value()))
                .append('.')
                .append(escape(table.name()))
                .append("</code></h1>\n<p class=\"meta\">read-only, through the database's read-only role · ")
                .append(rows.values().size())
                .append(rows.values().size() == 1 ? " row" : " rows")
                .append(" on this page (at most ")
                .append(pageSize)
                .append(") · ");
        if (rows.key().isEmpty()) {
            b.append("no primary key: only the first page is shown");
        } else {
            b.append("ordered by its primary key (")
                    .append(escape(String.join(", ", rows.key())))
                    .append(')');
        }
        b.append("</p>\n<table id=\"rows\" class=\"rows\">\n<thead><tr>");
        for (Column col : rows.columns()) {
            b.append("<th title=\"").append(escape(col.type())).append("\">").append(escape(col.name()));
            if (col.masked()) {
                b.append(" <span class=\"tag\">masked</span>");
            }
            b.append("<br><span class=\"meta\">").append(escape(col.type())).append("</span></th>");
        }
        b.append("</tr></thead>\n<tbody>\n");
        for (List<@Nullable String> row : rows.values()) {
            b.append("<tr>");
            for (int i = 0; i < row.size(); i++) {
                Column col = rows.columns().get(i);
                String value = row.get(i);
                b.append("<td data-column=\"").append(escape(col.name())).append("\">");
                if (col.masked()) {
                    b.append("<span class=\"masked\">••••••</span>");
                } else if (value == null) {
                    b.append("<span class=\"none\">NULL</span>");
                } else if (value.length() > MAX_VALUE) {
                    b.append(escape(value.substring(0, MAX_VALUE)))
                            .append("<span class=\"truncated\">… (")
                            .append(value.length())
                            .append(" characters)</span>");
                } else {
                    b.append(escape(value));
                }
                b.append("</td>");
            }
            b.append("</tr>\n");
        }
        b.append("</tbody>\n</table>\n<p class=\"pager\">");
        String self = base(db, app) + "/" + escape(table.name());
        if (paged) {
            b.append("<a id=\"first\" href=\"").append(self).append("\">first page</a> ");
        }
        if (rows.more() && !rows.values().isEmpty()) {
            List<@Nullable String> last = rows.values().get(rows.values().size() - 1);
            StringBuilder query = new StringBuilder();
            for (String k : rows.key()) {
                int index = indexOf(rows.columns(), k);
                query.append(query.length() == 0 ? "?" : "&")
                        .append("after=")
                        .append(URLEncoder.encode(String.valueOf(last.get(index)), StandardCharsets.UTF_8));
            }
            b.append("<a id=\"next\" href=\"")
                    .append(self)
                    .append(escape(query.toString()))
                    .append("\">next page</a>");
        }
        b.append("</p>\n</body>\n</html>\n");
        return b.toString();
    }

    private static int indexOf(List<Column> columns, String name) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equals(name)) {
                return i;
            }
        }
        throw new IllegalStateException("key column " + name + " is not among the columns");
    }

    private static String base(DbName db, AppName app) {
        return "/browse/" + escape(db.value()) + "/" + escape(app.value());
    }

    private static void crumbs(StringBuilder b, DbName db, AppName app, @Nullable String table) {
        b.append("<nav class=\"crumbs\"><a href=\"/\">Databases</a> › <a href=\"/db/")
                .append(escape(db.value()))
                .append("\">")
                .append(escape(db.value()))
                .append("</a> › ");
        if (table == null) {
            b.append(escape(app.value()));
        } else {
            b.append("<a href=\"")
                    .append(base(db, app))
                    .append("\">")
                    .append(escape(app.value()))
                    .append("</a> › ")
                    .append(escape(table));
        }
        b.append("</nav>\n");
    }
}
