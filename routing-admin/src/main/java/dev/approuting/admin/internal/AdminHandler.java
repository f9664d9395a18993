package dev.approuting.admin.internal;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.approuting.core.DbName;
import dev.approuting.core.RoutingException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves the admin page, the JSON endpoints and the metrics of one {@link SnapshotSource}. Read-only:
 * only {@code GET} and {@code HEAD} are answered. When a token is set, every path requires it.
 */
public final class AdminHandler implements HttpHandler {
    private static final Logger log = LoggerFactory.getLogger(AdminHandler.class);
    private static final String JSON = "application/json; charset=utf-8";
    private static final String HTML = "text/html; charset=utf-8";
    private static final String CSS = "text/css; charset=utf-8";
    private static final String JS = "text/javascript; charset=utf-8";
    private static final String CSP = FrontExchange.CSP;
    private static final List<String> PATHS =
            List.of("/", "/status", "/health", "/health/{db}", "/metrics", "/db/{db}", "/browse/{db}/{app}");

    private final SnapshotSource source;
    private final @Nullable BearerToken token;
    private final Duration refresh;
    private final byte[] stylesheet;
    private final byte[] script;
    private final ConsolePages console;

    /**
     * Creates the handler.
     *
     * @param source the snapshots to show
     * @param token the token every request must carry, or {@code null} for none
     * @param refresh how often the page reloads itself
     * @param console the per-database pages and the data browser
     */
    public AdminHandler(SnapshotSource source, @Nullable BearerToken token, Duration refresh, ConsolePages console) {
        this.source = source;
        this.token = token;
        this.refresh = refresh;
        this.stylesheet = resource("admin.css");
        this.script = resource("admin.js");
        this.console = console;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try {
            Headers headers = exchange.getResponseHeaders();
            headers.set("Cache-Control", "no-store");
            headers.set("X-Content-Type-Options", "nosniff");
            headers.set("Referrer-Policy", "no-referrer");
            headers.set("Content-Security-Policy", CSP);
            BearerToken required = token;
            if (required != null
                    && !ConsolePages.browsing(exchange.getRequestURI().getPath())
                    && !required.accepts(exchange.getRequestHeaders().getFirst("Authorization"))) {
                headers.set("WWW-Authenticate", "Bearer realm=\"approuting admin\"");
                send(
                        exchange,
                        401,
                        JSON,
                        JsonView.error(
                                "this admin page needs a bearer token: send the header 'Authorization: Bearer <token>'",
                                "paths",
                                List.of()));
                return;
            }
            String method = exchange.getRequestMethod();
            if (!method.equals("GET") && !method.equals("HEAD")) {
                headers.set("Allow", "GET, HEAD");
                send(
                        exchange,
                        405,
                        JSON,
                        JsonView.error(
                                "the admin page is read-only: " + method + " is not allowed, use GET",
                                "paths",
                                List.of()));
                return;
            }
            route(exchange, exchange.getRequestURI().getPath());
        } catch (RuntimeException e) {
            log.warn(
                    "admin: {} {} failed",
                    exchange.getRequestMethod(),
                    exchange.getRequestURI().getPath(),
                    e);
            if (exchange.getResponseCode() == -1) {
                send(
                        exchange,
                        500,
                        JSON,
                        JsonView.error(
                                "internal error (" + e.getClass().getSimpleName() + "); the server log has the details",
                                "paths",
                                List.of()));
            }
        } finally {
            exchange.close();
        }
    }

    /**
     * Every route of the admin server, in one place: add a page here. The front ({@link HttpFront}) has
     * already checked the request's form, its {@code Host} and the token, and answers 500 for a route that
     * throws.
     */
    private void route(HttpExchange exchange, String path) throws IOException {
        switch (path) {
            case "/" -> {
                List<String> q = ConsolePages.parameter(exchange.getRequestURI().getRawQuery(), "q");
                send(exchange, 200, HTML, HtmlPage.render(source.current(), refresh, q.isEmpty() ? "" : q.get(0)));
            }
            case "/admin.css" -> send(exchange, 200, CSS, stylesheet);
            case "/admin.js" -> send(exchange, 200, JS, script);
            case "/status" -> send(exchange, 200, JSON, JsonView.status(source.current()));
            case "/metrics" ->
                send(exchange, 200, PrometheusText.CONTENT_TYPE, PrometheusText.render(source.current()));
            case "/health" -> {
                Snapshot snapshot = source.current();
                send(exchange, snapshot.allReachable() ? 200 : 503, JSON, JsonView.health(snapshot));
            }
            default -> {
                Optional<Page> page = console.serve(
                        path,
                        exchange.getRequestURI().getRawQuery(),
                        exchange.getRequestHeaders().getFirst("Authorization"));
                if (page.isPresent()) {
                    page.get().headers().forEach(exchange.getResponseHeaders()::set);
                    send(
                            exchange,
                            page.get().status(),
                            page.get().type(),
                            page.get().body());
                } else if (path.startsWith("/health/")) {
                    health(exchange, path.substring("/health/".length()));
                } else {
                    send(exchange, 404, JSON, JsonView.error("no page at " + path, "paths", PATHS));
                }
            }
        }
    }

    private void health(HttpExchange exchange, String name) throws IOException {
        List<String> known = source.view().dbNames().stream().map(DbName::value).toList();
        DbName db;
        try {
            db = DbName.of(name);
            source.view().require(db);
        } catch (RoutingException e) {
            send(exchange, 404, JSON, JsonView.error(String.valueOf(e.getMessage()), "databases", known));
            return;
        }
        Snapshot snapshot = source.current();
        Snapshot.Database row = snapshot.database(db).orElseThrow();
        send(exchange, row.reachable() ? 200 : 503, JSON, JsonView.health(snapshot, row));
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        send(exchange, status, type, body.getBytes(StandardCharsets.UTF_8));
    }

    private static void send(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        if (exchange.getRequestMethod().equals("HEAD")) {
            exchange.getResponseHeaders().set("Content-Length", Integer.toString(body.length));
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static byte[] resource(String name) {
        try (InputStream in = AdminHandler.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("the jar lacks " + name + " next to " + AdminHandler.class.getName());
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + name + " from the jar", e);
        }
    }
}
