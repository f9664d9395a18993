package dev.approuting.admin;

import dev.approuting.admin.internal.AdminHandler;
import dev.approuting.admin.internal.BearerToken;
import dev.approuting.admin.internal.ConsolePages;
import dev.approuting.admin.internal.DataBrowser;
import dev.approuting.admin.internal.HttpFront;
import dev.approuting.admin.internal.SnapshotSource;
import dev.approuting.core.AdminView;
import dev.approuting.core.CredentialsSource;
import dev.approuting.core.DbName;
import dev.approuting.core.DbRouterRegistry;
import dev.approuting.core.Environment;
import dev.approuting.core.ErrorCode;
import dev.approuting.core.RoutedDatabases;
import dev.approuting.core.RoutingException;
import dev.approuting.flyway.MigrationConfig;
import dev.approuting.lint.MigrationLinter;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A read-only admin page and health endpoints over every logical database of a registry's admin view,
 * served by its own small non-blocking HTTP/1.1 front:
 *
 * <ul>
 *   <li>{@code /}: an HTML page, one row per database (server, reachable or not, pool, apps with their
 *       migration versions, pending migrations and lint findings on them, dev-only marker) and the
 *       routing table;
 *   <li>{@code /health}: JSON, 200 when every database answers, else 503; {@code /health/{db}}: one
 *       database, 404 for an unknown one;
 *   <li>{@code /status}: JSON of what the page shows; {@code /metrics}: Prometheus text format;
 *   <li>{@code /db/{db}}: one database in depth (server facts, connections, locks, replicas, the whole
 *       migration history of its apps, pending migrations with lint findings and fixes, its services,
 *       its login roles);
 *   <li>{@code /browse/{db}/{app}}: the read-only data browser, off unless {@link Builder#browseToken}
 *       turns it on.
 * </ul>
 *
 * <pre>{@code
 * try (AdminServer admin = AdminServer.configure(registry)
 *         .credentials(CredentialsSource.mountedSecrets(Path.of("/var/run/secrets/db"), "prod"))
 *         .bind("127.0.0.1", 8081)
 *         .start()) {
 *     // serves http://127.0.0.1:8081/ until closed
 * }
 * }</pre>
 *
 * <p>It listens on loopback unless told otherwise, and refuses any other address without a bearer
 * token. Probes run in parallel with a short timeout and their result is reused for a few seconds,
 * so page loads and scrapes do not hammer the servers. Nothing on the page changes anything.
 *
 * <p>It stays up under hostile or slow clients: requests are read without holding a thread, each within
 * {@link Builder#requestTimeout requestTimeout}, answered within {@link Builder#responseTimeout
 * responseTimeout}; one client address holds at most {@link Builder#maxConnections(int, int)
 * maxConnections(perClient, total)} connections; the token and, on loopback, the {@code Host} name (against DNS
 * rebinding) are checked before any handler runs. Each database is read with its own deadlines
 * ({@link Builder#probeTimeout probeTimeout}, {@link Builder#statusTimeout statusTimeout}): a stalled server
 * shows as down with the deadline it missed, and leaves the other databases' answers on time.
 */
public final class AdminServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(AdminServer.class);

    /** The shortest bearer token accepted. */
    public static final int MIN_TOKEN_LENGTH = 16;

    /** The most rows one page of the data browser may show. */
    public static final int MAX_BROWSE_PAGE = 500;

    private static final int HANDLER_THREADS = 4;

    private final HttpFront server;
    private final SnapshotSource snapshots;
    private final String host;

    private AdminServer(HttpFront server, SnapshotSource snapshots, String host) {
        this.server = server;
        this.snapshots = snapshots;
        this.host = host;
    }

    /** Starts configuring an admin server over the admin view of {@code registry}. */
    public static Builder configure(DbRouterRegistry registry) {
        return new Builder(registry);
    }

    /** Returns the port the server listens on (the one chosen by the system when bound to port 0). */
    public int port() {
        return server.port();
    }

    /** Returns the address of the page, such as {@code http://127.0.0.1:8081/}. */
    public URI uri() {
        String h = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
        return URI.create("http://" + h + ":" + port() + "/");
    }

    /** Stops the server at once; requests in progress are cut off. */
    @Override
    public void close() {
        server.close();
        snapshots.close();
        log.info("admin: stopped serving {}", uri());
    }

    /** Configures an {@link AdminServer}; mutable, not thread-safe. */
    public static final class Builder {
        private final DbRouterRegistry registry;
        private @Nullable CredentialsSource credentials;
        private Environment environment = Environment.PRODUCTION;
        private List<DbName> only = List.of();
        private MigrationConfig config = MigrationConfig.defaults();
        private @Nullable MigrationLinter linter;
        private @Nullable RoutedDatabases pools;
        private String host = "127.0.0.1";
        private int port;
        private @Nullable String token;
        private Duration probeTimeout = Duration.ofSeconds(2);
        private Duration cacheFor = Duration.ofSeconds(5);
        private Duration refresh = Duration.ofSeconds(10);
        private int parallelism = 8;
        private final Map<String, String> browseTokens = new LinkedHashMap<>();
        private final List<String> sensitiveColumns = new ArrayList<>();
        private int browsePageSize = 50;
        private Duration browseTimeout = Duration.ofSeconds(5);
        private Duration statusTimeout = SnapshotSource.DEFAULT_STATUS_TIMEOUT;
        private Duration requestTimeout = Duration.ofSeconds(10);
        private Duration responseTimeout = Duration.ofSeconds(30);
        private int maxConnectionsPerClient = 32;
        private int maxConnections = 512;

        private Builder(DbRouterRegistry registry) {
            this.registry = registry;
        }

        /** Sets where each database's credentials come from (required). */
        public Builder credentials(CredentialsSource source) {
            this.credentials = source;
            return this;
        }

        /** Sets whose admin view to show (default {@link Environment#PRODUCTION}: dev-only databases left out). */
        public Builder environment(Environment environment) {
            this.environment = environment;
            return this;
        }

        /** Restricts the page to these databases (default: every database of the admin view). */
        public Builder databases(List<DbName> dbs) {
            this.only = List.copyOf(dbs);
            return this;
        }

        /** Sets the Flyway settings the apps are migrated with (default {@link MigrationConfig#defaults()}). */
        public Builder config(MigrationConfig config) {
            this.config = config;
            return this;
        }

        /**
         * Sets the linter run over the scripts of pending migrations (default
         * {@code MigrationLinter.configure().load()}); give the one your build's lint step uses.
         */
        public Builder linter(MigrationLinter linter) {
            this.linter = linter;
            return this;
        }

        /**
         * Shows the pool state of the databases {@code pools} holds (an admin service's own pools); their
         * probes then go through {@link RoutedDatabases#health(DbName)}.
         */
        public Builder pools(RoutedDatabases pools) {
            this.pools = pools;
            return this;
        }

        /**
         * Sets the address and port to listen on (default {@code 127.0.0.1}, port 0: a free port, see
         * {@link AdminServer#port()}). An address other than loopback needs a {@link #bearerToken}.
         */
        public Builder bind(String host, int port) {
            this.host = host;
            this.port = port;
            return this;
        }

        /**
         * Requires {@code Authorization: Bearer <token>} on every request, or nothing when {@code null}.
         * The token is compared in constant time and never logged.
         */
        public Builder bearerToken(@Nullable String token) {
            this.token = token;
            return this;
        }

        /** Sets how long one database probe may take (default 2 s; whole seconds, at least 1). */
        public Builder probeTimeout(Duration timeout) {
            this.probeTimeout = timeout;
            return this;
        }

        /**
         * Sets how long reading one database's migration state may take (default 10 s); a database that
         * takes longer is shown with that deadline instead of its state.
         */
        public Builder statusTimeout(Duration timeout) {
            this.statusTimeout = timeout;
            return this;
        }

        /**
         * Sets how long a client may take to send a whole request (default 10 s); slower ones get a 408 and
         * are disconnected. A slow client holds no thread meanwhile.
         */
        public Builder requestTimeout(Duration timeout) {
            this.requestTimeout = timeout;
            return this;
        }

        /**
         * Sets how long an answer may take to be ready (else 503) and then to be taken by the client (else
         * the connection is closed); default 30 s.
         */
        public Builder responseTimeout(Duration timeout) {
            this.responseTimeout = timeout;
            return this;
        }

        /**
         * Sets how many connections one client address may hold at once (default 32) and all clients
         * together (default 512); connections beyond get a 503 and are closed.
         */
        public Builder maxConnections(int perClient, int total) {
            this.maxConnectionsPerClient = perClient;
            this.maxConnections = total;
            return this;
        }

        /** Sets how long one round of probes is reused by page loads, health checks and scrapes (default 5 s). */
        public Builder cacheFor(Duration duration) {
            this.cacheFor = duration;
            return this;
        }

        /** Sets how often the page reloads itself (default 10 s). */
        public Builder refreshEvery(Duration interval) {
            this.refresh = interval;
            return this;
        }

        /** Sets how many databases are probed at once (default 8; at least 1). */
        public Builder parallelism(int n) {
            this.parallelism = n;
            return this;
        }

        /**
         * Turns the read-only data browser on ({@code /browse/{db}/{app}}: an app's tables, then a table's
         * rows a page at a time) and admits requests carrying {@code Authorization: Bearer <token>}; call it
         * once per person or tool. {@code name} goes to the audit log line of every browse, the token
         * nowhere. The browser reads each database only through its read-only role, the login of the reader
         * secret {@code {namespace}-db-{db}-reader-creds}, and refuses a role that may write. Off by default,
         * and a token is needed even on loopback.
         *
         * <pre>{@code
         * AdminServer.configure(registry).credentials(source)
         *         .browseToken("oncall", System.getenv("ADMIN_BROWSE_TOKEN"))
         *         .sensitiveColumns("iban", "email")
         *         .start();
         * }</pre>
         */
        public Builder browseToken(String name, String token) {
            this.browseTokens.put(name, token);
            return this;
        }

        /**
         * Masks columns whose name contains one of {@code names} (case-insensitive) in the data browser,
         * besides the default {@code password}, {@code passwd}, {@code token}, {@code secret} and
         * {@code api_key}. A masked column is never read from the database (unless it is part of the
         * primary key, which paging needs).
         */
        public Builder sensitiveColumns(String... names) {
            this.sensitiveColumns.addAll(List.of(names));
            return this;
        }

        /** Sets how many rows a page of the data browser shows (default 50, at most {@value #MAX_BROWSE_PAGE}). */
        public Builder browsePageSize(int rows) {
            this.browsePageSize = rows;
            return this;
        }

        /** Sets the statement timeout of every data browser query (default 5 s). */
        public Builder browseTimeout(Duration timeout) {
            this.browseTimeout = timeout;
            return this;
        }

        /**
         * Starts serving.
         *
         * @throws RoutingException with {@link ErrorCode#INVALID_CONFIGURATION} listing every bad setting
         *     (no credentials source, a port outside 0–65535, a timeout or interval that is not positive,
         *     parallelism below 1, an address beyond loopback without a bearer token, a token shorter than
         *     {@value #MIN_TOKEN_LENGTH} characters), or when the address cannot be bound; with
         *     {@link ErrorCode#UNKNOWN_DATABASE} when a chosen database is not in the admin view
         */
        public AdminServer start() {
            List<String> problems = new ArrayList<>();
            CredentialsSource source = credentials;
            if (source == null) {
                problems.add("the admin server has no credentials source: call credentials(CredentialsSource"
                        + ".mountedSecrets(dir, namespace)) or another source before start()");
            }
            if (port < 0 || port > 65535) {
                problems.add("admin port " + port + " is not between 0 and 65535 (0 picks a free port)");
            }
            positive("probeTimeout", probeTimeout, problems);
            positive("refreshEvery", refresh, problems);
            positive("statusTimeout", statusTimeout, problems);
            positive("requestTimeout", requestTimeout, problems);
            positive("responseTimeout", responseTimeout, problems);
            if (maxConnectionsPerClient < 1 || maxConnections < maxConnectionsPerClient) {
                problems.add("maxConnections(" + maxConnectionsPerClient + ", " + maxConnections
                        + ") must allow at least 1 connection per client and no more per client than in total");
            }
            if (cacheFor.isNegative()) {
                problems.add("cacheFor must not be negative: " + cacheFor);
            }
            if (parallelism < 1) {
                problems.add("parallelism is " + parallelism + ": give 1 or more databases at once");
            }
            positive("browseTimeout", browseTimeout, problems);
            if (browsePageSize < 1 || browsePageSize > MAX_BROWSE_PAGE) {
                problems.add("browsePageSize is " + browsePageSize + ": give 1 to " + MAX_BROWSE_PAGE + " rows");
            }
            Map<String, BearerToken> browse = browseTokens(problems);
            BearerToken check = bearer(problems);
            InetAddress address = address(check != null || token != null, problems);
            if (source == null || address == null || !problems.isEmpty()) {
                throw RoutingException.of(ErrorCode.INVALID_CONFIGURATION, String.join("; ", problems));
            }
            AdminView view = registry.adminView(environment);
            if (!only.isEmpty()) {
                view = view.only(only);
            }
            MigrationLinter lint = linter;
            SnapshotSource snapshots = new SnapshotSource(
                    registry,
                    view,
                    source,
                    config,
                    lint == null ? MigrationLinter.configure().load() : lint,
                    pools,
                    probeTimeout,
                    statusTimeout,
                    cacheFor,
                    parallelism);
            HttpFront.Settings settings = new HttpFront.Settings(
                    requestTimeout,
                    responseTimeout,
                    maxConnectionsPerClient,
                    maxConnections,
                    HANDLER_THREADS,
                    check,
                    address.isLoopbackAddress());
            DataBrowser browser = browse.isEmpty()
                    ? null
                    : new DataBrowser(view, source, browse, sensitiveColumns, browsePageSize, browseTimeout);
            ConsolePages console = new ConsolePages(snapshots, source, probeTimeout, browser);
            HttpFront server;
            try {
                server = new HttpFront(
                        new InetSocketAddress(address, port),
                        new AdminHandler(snapshots, check, refresh, console),
                        settings);
            } catch (IOException e) {
                snapshots.close();
                throw RoutingException.of(
                        ErrorCode.INVALID_CONFIGURATION,
                        "the admin server cannot listen on " + host + ":" + port + " (" + e.getMessage()
                                + "): choose another port, or stop what listens there",
                        e);
            }
            AdminServer admin = new AdminServer(server, snapshots, host);
            log.info(
                    "admin: serving {} databases of '{}' on {}{}",
                    view.databases().size(),
                    view.adminService(),
                    admin.uri(),
                    check == null ? "" : " (bearer token required)");
            if (browser != null) {
                log.info("admin: data browser on for tokens {}", browse.keySet());
            }
            return admin;
        }

        private Map<String, BearerToken> browseTokens(List<String> problems) {
            Map<String, BearerToken> checks = new LinkedHashMap<>();
            browseTokens.forEach((name, t) -> {
                if (!name.matches("[A-Za-z0-9_.@-]{1,64}")) {
                    problems.add("browse token name '" + name + "' is not a short name (letters, digits, _ . @ -):"
                            + " it goes to the audit log, give the person or tool it belongs to");
                } else if (t == null || t.strip().length() < MIN_TOKEN_LENGTH || !t.equals(t.strip())) {
                    problems.add(
                            "the browse token '" + name + "' is too short or has surrounding blanks: give at least "
                                    + MIN_TOKEN_LENGTH + " characters, such as the output of 'openssl rand -hex 32'");
                } else if (token != null && t.equals(token)) {
                    problems.add("the browse token '" + name + "' equals the admin bearer token: give the data"
                            + " browser tokens of its own, so that reading the status does not open the data");
                } else {
                    checks.put(name, new BearerToken(t));
                }
            });
            return checks;
        }

        private @Nullable BearerToken bearer(List<String> problems) {
            String t = token;
            if (t == null) {
                return null;
            }
            if (t.strip().length() < MIN_TOKEN_LENGTH || !t.equals(t.strip())) {
                problems.add("the admin bearer token is too short or has surrounding blanks: give at least "
                        + MIN_TOKEN_LENGTH + " characters without spaces around them, such as the output of"
                        + " 'openssl rand -hex 32'");
                return null;
            }
            return new BearerToken(t);
        }

        private @Nullable InetAddress address(boolean hasToken, List<String> problems) {
            InetAddress address;
            try {
                address = InetAddress.getByName(host);
            } catch (UnknownHostException e) {
                problems.add("the admin server cannot bind to '" + host + "': unknown host; give an address such as"
                        + " 127.0.0.1");
                return null;
            }
            if (!address.isLoopbackAddress() && !hasToken) {
                problems.add("the admin server refuses to listen on " + host + " (" + address.getHostAddress()
                        + ", beyond loopback) without a bearer token: set one with bearerToken(token),"
                        + " or bind to 127.0.0.1 and reach it through kubectl port-forward");
            }
            return address;
        }

        private static void positive(String name, Duration value, List<String> problems) {
            if (value.isNegative() || value.isZero()) {
                problems.add(name + " must be positive: " + value);
            }
        }
    }
}
