package dev.approuting.admin.internal;

import dev.approuting.core.CredentialsSource;
import dev.approuting.core.DbName;
import dev.approuting.core.RoutingException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pages beyond the overview: {@code /db/{db}} (one database in depth) and, when it is on, the data
 * browser under {@code /browse/}. Read-only like the rest: the server facts come from a read-only
 * transaction with a statement timeout.
 */
public final class ConsolePages {
    private static final Logger log = LoggerFactory.getLogger(ConsolePages.class);

    private final SnapshotSource source;
    private final CredentialsSource credentials;
    private final Duration timeout;
    private final @Nullable DataBrowser browser;

    /**
     * Creates the pages.
     *
     * @param source the snapshots of the overview
     * @param credentials where each database's credentials come from
     * @param timeout how long reading a server's facts may take
     * @param browser the data browser, or {@code null} when it is off
     */
    public ConsolePages(
            SnapshotSource source, CredentialsSource credentials, Duration timeout, @Nullable DataBrowser browser) {
        this.source = source;
        this.credentials = credentials;
        this.timeout = timeout;
        this.browser = browser;
    }

    /** Returns whether {@code path} is served by the data browser, which checks its own tokens. */
    static boolean browsing(String path) {
        return path.equals("/browse") || path.startsWith("/browse/");
    }

    /**
     * Serves {@code path} when it is one of these pages.
     *
     * @param path the request path
     * @param rawQuery the raw query string, or {@code null}
     * @param authorization the {@code Authorization} header, or {@code null}
     * @return the response, or empty when the path is not one of these pages
     */
    Optional<Page> serve(String path, @Nullable String rawQuery, @Nullable String authorization) {
        if (path.startsWith("/db/")) {
            return Optional.of(database(path.substring("/db/".length())));
        }
        if (browsing(path)) {
            DataBrowser b = browser;
            if (b == null) {
                return Optional.of(Page.error(
                        404,
                        "Data browser off",
                        "the data browser is off: turn it on with AdminServer.configure(registry)"
                                + ".browseToken(name, token), and give each database a read-only role"));
            }
            String rest = path.length() > "/browse/".length() ? path.substring("/browse/".length()) : "";
            return Optional.of(b.serve(rest, parameter(rawQuery, "after"), authorization));
        }
        return Optional.empty();
    }

    private Page database(String name) {
        DbName db;
        try {
            db = DbName.of(name);
            source.view().require(db);
        } catch (RoutingException e) {
            return Page.error(404, "No such database", String.valueOf(e.getMessage()));
        }
        Snapshot snapshot = source.current();
        Snapshot.Database row = snapshot.database(db).orElseThrow();
        ServerFacts facts = null;
        String error = null;
        if (row.reachable()) {
            try {
                facts = ServerFacts.read(db, credentials.require(db), timeout);
            } catch (SQLException e) {
                error = e.getMessage() + (e.getSQLState() == null ? "" : " (SQLState " + e.getSQLState() + ")");
                log.warn("{}: admin: cannot read the server's facts: {}", db, error);
            } catch (RoutingException e) {
                error = e.getMessage();
            }
        } else {
            error = "unreachable: " + row.error();
        }
        return Page.html(200, DatabasePage.render(snapshot, row, facts, error, browser != null));
    }

    /** Returns the values of {@code name} in a raw query string, decoded. */
    static List<String> parameter(@Nullable String rawQuery, String name) {
        List<String> values = new ArrayList<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return values;
        }
        for (String pair : rawQuery.split("&", -1)) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            if (key.equals(name)) {
                values.add(eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return values;
    }
}
