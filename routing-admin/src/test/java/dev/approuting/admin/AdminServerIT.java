package dev.approuting.admin;

import static dev.approuting.admin.AdminCompany.BUILDSENSE;
import static dev.approuting.admin.AdminCompany.MAVEN;
import static dev.approuting.admin.AdminCompany.SCRATCH;
import static dev.approuting.admin.AdminCompany.USERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.approuting.core.CredentialsSource;
import dev.approuting.core.DbCredentials;
import dev.approuting.core.DbName;
import dev.approuting.core.DbRouterRegistry;
import dev.approuting.core.Environment;
import dev.approuting.core.ErrorCode;
import dev.approuting.core.PerAppDbRouter;
import dev.approuting.core.RoutedDatabases;
import dev.approuting.core.RoutingException;
import dev.approuting.fixtures.TestServers;
import dev.approuting.testkit.postgres.PostgresExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class AdminServerIT {
    private static final DbRouterRegistry REGISTRY = AdminCompany.registry();

    @RegisterExtension
    static final PostgresExtension a = PostgresExtension.embedded();

    @RegisterExtension
    static final PostgresExtension b = PostgresExtension.embedded();

    /** Stopped on purpose by {@link #aStoppedServerMakesHealth503NamingTheDatabase()}; no other test uses it. */
    @RegisterExtension
    static final PostgresExtension c = PostgresExtension.embedded();

    private static AdminServer admin;

    @BeforeAll
    static void start() {
        AdminCompany.migrate(a, b);
        admin = AdminServer.configure(REGISTRY)
                .credentials(AdminCompany.credentials(a, b))
                .environment(Environment.DEVELOPMENT)
                .start();
    }

    @AfterAll
    static void stop() {
        admin.close();
    }

    @Test
    void healthIsUpWhenEveryDatabaseAnswers() throws Exception {
        Http.Response health = Http.get(admin.uri(), "/health");
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.header("Content-Type")).startsWith("application/json");
        JsonNode json = health.json();
        assertThat(json.get("status").asText()).isEqualTo("UP");
        assertThat(json.get("databases").findValuesAsText("db"))
                .containsExactly("users", "buildsense", "maven", "scratch");
        assertThat(json.get("databases").findValuesAsText("status")).containsOnly("UP");
        assertThat(json.get("databases").get(2).get("server").asText()).isEqualTo("localhost:" + b.port());
        assertThat(health.body()).doesNotContain("postgres\"").doesNotContain("password");

        Http.Response one = Http.get(admin.uri(), "/health/maven");
        assertThat(one.status()).isEqualTo(200);
        assertThat(one.json().get("db").asText()).isEqualTo("maven");
        assertThat(one.json().get("reachable").asBoolean()).isTrue();
    }

    @Test
    void statusShowsVersionsPendingMigrationsAndTheRoutingTable() throws Exception {
        Http.Response status = Http.get(admin.uri(), "/status");
        assertThat(status.status()).isEqualTo(200);
        JsonNode json = status.json();
        assertThat(json.get("adminService").asText()).isEqualTo("toolshed");
        assertThat(json.get("pending").asInt()).isEqualTo(5);

        JsonNode events = app(json, BUILDSENSE, "events");
        assertThat(events.get("version").asText()).isEqualTo("2");
        assertThat(texts(events.get("pending"))).containsExactly("3");

        JsonNode users = app(json, USERS, "users");
        assertThat(users.get("version").asText()).isEqualTo("3");
        assertThat(texts(users.get("pending"))).isEmpty();

        JsonNode ledger = app(json, USERS, "ledger");
        assertThat(texts(ledger.get("pending"))).containsExactly("2");
        List<String> findings = new ArrayList<>();
        ledger.get("lint")
                .forEach(f -> findings.add(f.get("script").asText() + ":"
                        + f.get("line").asInt() + " " + f.get("severity").asText() + " "
                        + f.get("rule").asText()));
        assertThat(findings).contains("V2__add_amount.sql:1 error add-column-not-null-no-default");
        assertThat(users.get("lint").size()).isZero();

        JsonNode catalog = app(json, MAVEN, "catalog");
        assertThat(catalog.get("version").isNull()).isTrue();
        assertThat(texts(catalog.get("pending"))).containsExactly("1", "2", "3");
        assertThat(texts(catalog.get("problems"))).containsExactly("never migrated here");

        assertThat(database(json, SCRATCH).get("devOnly").asBoolean()).isTrue();
        assertThat(database(json, USERS).get("devOnly").asBoolean()).isFalse();
        assertThat(database(json, USERS).get("pool").isNull()).isTrue();

        List<String> routes = new ArrayList<>();
        json.get("routes")
                .forEach(r -> routes.add(
                        r.get("service").asText() + " " + r.get("app").asText() + " "
                                + r.get("db").asText() + (r.get("admin").asBoolean() ? " admin" : "")));
        assertThat(routes)
                .contains(
                        "buildsense/api workflow buildsense",
                        "maven/crawler workflow maven",
                        "maven/crawler users users",
                        "toolshed notes scratch admin");
    }

    @Test
    void pageShowsEveryDatabaseAndPendingMigrations() throws Exception {
        Http.Response page = Http.get(admin.uri(), "/");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header("Content-Type")).isEqualTo("text/html; charset=utf-8");
        assertThat(page.header("Content-Security-Policy")).contains("default-src 'none'");
        assertThat(page.body())
                .contains("<meta http-equiv=\"refresh\"")
                .contains("id=\"db-users\"", "id=\"db-buildsense\"", "id=\"db-maven\"", "id=\"db-scratch\"")
                .contains("1 pending: 3")
                .contains("dev-only")
                .contains("localhost:" + a.port(), "localhost:" + b.port())
                .contains("<form id=\"filter\" method=\"get\" action=\"/\">")
                .contains("<script src=\"/admin.js\"></script>");
        // the filter is the only form, its script the only one
        assertThat(page.body().split("<form", -1)).hasSize(2);
        assertThat(page.body().split("<script", -1)).hasSize(2);
        Http.Response css = Http.get(admin.uri(), "/admin.css");
        assertThat(css.status()).isEqualTo(200);
        assertThat(css.header("Content-Type")).startsWith("text/css");
        Http.Response js = Http.get(admin.uri(), "/admin.js");
        assertThat(js.status()).isEqualTo(200);
        assertThat(js.header("Content-Type")).startsWith("text/javascript");
        assertThat(js.header("X-Content-Type-Options")).isEqualTo("nosniff");
    }

    @Test
    void metricsAreInPrometheusTextFormat() throws Exception {
        Http.Response metrics = Http.get(admin.uri(), "/metrics");
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.header("Content-Type")).isEqualTo("text/plain; version=0.0.4; charset=utf-8");
        assertThat(metrics.body())
                .contains("# TYPE approuting_database_up gauge\n")
                .contains("approuting_database_up{db=\"maven\"} 1\n")
                .contains("approuting_migrations_pending{db=\"buildsense\",app=\"events\"} 1\n")
                .contains("approuting_migrations_pending{db=\"maven\",app=\"catalog\"} 3\n")
                .contains("approuting_migration_info{db=\"users\",app=\"users\",version=\"3\"} 1\n")
                .contains("approuting_migration_lint_findings{db=\"users\",app=\"ledger\"} 2\n")
                .doesNotContain("approuting_pool_");
    }

    @Test
    void unknownDatabaseIs404WithTheKnownOnes() throws Exception {
        Http.Response unknown = Http.get(admin.uri(), "/health/mavn");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().get("error").asText()).contains("'mavn'", "did you mean 'maven'");
        assertThat(texts(unknown.json().get("databases"))).containsExactly("users", "buildsense", "maven", "scratch");

        Http.Response malformed = Http.get(admin.uri(), "/health/Not-A-Db");
        assertThat(malformed.status()).isEqualTo(404);
        assertThat(malformed.json().get("error").asText()).contains("Not-A-Db");

        Http.Response nowhere = Http.get(admin.uri(), "/nowhere");
        assertThat(nowhere.status()).isEqualTo(404);
        assertThat(texts(nowhere.json().get("paths"))).contains("/health/{db}");
    }

    @Test
    void readOnlyRefusesOtherMethods() throws Exception {
        Http.Response post = Http.send(admin.uri(), "/", "POST", null);
        assertThat(post.status()).isEqualTo(405);
        assertThat(post.header("Allow")).isEqualTo("GET, HEAD");
        assertThat(Http.send(admin.uri(), "/health", "HEAD", null).status()).isEqualTo(200);
    }

    @Test
    void snapshotsAreReusedWithinTheCacheTime() throws Exception {
        String first = Http.get(admin.uri(), "/status").json().get("checkedAt").asText();
        String second = Http.get(admin.uri(), "/health").json().get("checkedAt").asText();
        assertThat(second).isEqualTo(first);
    }

    @Test
    void aStoppedServerMakesHealth503NamingTheDatabase() throws Exception {
        DbRouterRegistry registry = DbRouterRegistry.of(
                PerAppDbRouter.forDb("users").apps("users").build(),
                PerAppDbRouter.forDb("maven").apps("catalog").build());
        CredentialsSource credentials = CredentialsSource.of(Map.of(
                USERS, TestServers.superuser(a, "users"),
                MAVEN, TestServers.superuser(c, "postgres")));
        try (AdminServer server = AdminServer.configure(registry)
                .credentials(credentials)
                .cacheFor(Duration.ZERO)
                .probeTimeout(Duration.ofSeconds(1))
                .start()) {
            assertThat(Http.get(server.uri(), "/health").status()).isEqualTo(200);
            c.stop();

            Http.Response health = Http.get(server.uri(), "/health");
            assertThat(health.status()).isEqualTo(503);
            JsonNode json = health.json();
            assertThat(json.get("status").asText()).isEqualTo("DOWN");
            JsonNode maven = json.get("databases").get(1);
            assertThat(maven.get("db").asText()).isEqualTo("maven");
            assertThat(maven.get("status").asText()).isEqualTo("DOWN");
            assertThat(maven.get("error").asText()).isNotBlank();
            assertThat(json.get("databases").get(0).get("status").asText()).isEqualTo("UP");

            assertThat(Http.get(server.uri(), "/health/maven").status()).isEqualTo(503);
            assertThat(Http.get(server.uri(), "/health/users").status()).isEqualTo(200);
            assertThat(Http.get(server.uri(), "/metrics").body()).contains("approuting_database_up{db=\"maven\"} 0\n");
            JsonNode status = Http.get(server.uri(), "/status").json();
            assertThat(texts(status.get("databases").get(1).get("apps").get(0).get("pending")))
                    .isEmpty();
            assertThat(status.get("databases")
                            .get(1)
                            .get("apps")
                            .get(0)
                            .get("known")
                            .asBoolean())
                    .isFalse();
        }
    }

    @Test
    void tokenIsRequiredOnEveryPathWhenSet() throws Exception {
        String token = "s3cret-token-0123456789";
        try (AdminServer server = AdminServer.configure(REGISTRY)
                .credentials(AdminCompany.credentials(a, b))
                .bearerToken(token)
                .start()) {
            for (String path : List.of("/", "/health", "/health/users", "/status", "/metrics", "/admin.css")) {
                Http.Response without = Http.get(server.uri(), path);
                assertThat(without.status()).as(path).isEqualTo(401);
                assertThat(without.header("WWW-Authenticate")).startsWith("Bearer");
                assertThat(without.body()).doesNotContain(token);
                assertThat(Http.send(server.uri(), path, "GET", token + "x").status())
                        .as(path)
                        .isEqualTo(401);
                assertThat(Http.send(server.uri(), path, "GET", token).status())
                        .as(path)
                        .isEqualTo(200);
            }
        }
    }

    @Test
    void listeningBeyondLoopbackNeedsAToken() {
        AdminServer.Builder open = AdminServer.configure(REGISTRY)
                .credentials(AdminCompany.credentials(a, b))
                .bind("0.0.0.0", 0);
        assertThatThrownBy(open::start)
                .isInstanceOf(RoutingException.class)
                .hasMessageContaining("0.0.0.0")
                .hasMessageContaining("without a bearer token")
                .extracting(e -> ((RoutingException) e).code())
                .isEqualTo(ErrorCode.INVALID_CONFIGURATION);
        assertThatThrownBy(() -> open.bearerToken("short").start())
                .isInstanceOf(RoutingException.class)
                .hasMessageContaining("at least 16 characters");
        try (AdminServer server = open.bearerToken("a-long-enough-token-42").start()) {
            assertThat(server.port()).isPositive();
        }
    }

    @Test
    void errorTextFromTheServerIsEscapedOnThePage() throws Exception {
        DbRouterRegistry registry =
                DbRouterRegistry.of(PerAppDbRouter.forDb("weird").apps("users").build());
        DbCredentials hostile = TestServers.superuser(a, "x<img src=x onerror=alert(1)>\"&'");
        try (AdminServer server = AdminServer.configure(registry)
                .credentials(CredentialsSource.of(Map.of(DbName.of("weird"), hostile)))
                .start()) {
            Http.Response page = Http.get(server.uri(), "/");
            assertThat(page.body())
                    .contains("x&lt;img src=x onerror=alert(1)&gt;&quot;&amp;&#39;")
                    .doesNotContain("<img");
            assertThat(Http.get(server.uri(), "/health")
                            .json()
                            .get("databases")
                            .get(0)
                            .get("error")
                            .asText())
                    .contains("x<img src=x onerror=alert(1)>");
        }
    }

    @Test
    void poolsHeldByTheProcessAreShown() throws Exception {
        try (RoutedDatabases pools =
                        RoutedDatabases.open(REGISTRY.forService("buildsense/api"), AdminCompany.credentials(a, b));
                AdminServer server = AdminServer.configure(REGISTRY)
                        .credentials(AdminCompany.credentials(a, b))
                        .pools(pools)
                        .start()) {
            pools.dsl("users").fetch("SELECT 1");
            JsonNode json = Http.get(server.uri(), "/status").json();
            JsonNode pool = database(json, USERS).get("pool");
            assertThat(pool.get("open").asBoolean()).isTrue();
            assertThat(pool.get("total").asInt()).isPositive();
            assertThat(database(json, BUILDSENSE).get("pool").get("open").asBoolean())
                    .isFalse();
            assertThat(database(json, MAVEN).get("pool").isNull()).isTrue();
            assertThat(Http.get(server.uri(), "/metrics").body())
                    .contains("approuting_pool_total_connections{db=\"users\"} ")
                    .doesNotContain("approuting_pool_total_connections{db=\"buildsense\"}");
        }
    }

    private static JsonNode database(JsonNode status, DbName db) {
        for (JsonNode d : status.get("databases")) {
            if (d.get("db").asText().equals(db.value())) {
                return d;
            }
        }
        throw new AssertionError("no database " + db + " in " + status);
    }

    private static JsonNode app(JsonNode status, DbName db, String app) {
        for (JsonNode a : database(status, db).get("apps")) {
            if (a.get("app").asText().equals(app)) {
                return a;
            }
        }
        throw new AssertionError("no app " + app + " in " + db);
    }

    private static List<String> texts(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }
}
