package dev.approuting.admin;

import static dev.approuting.admin.AdminCompany.BUILDSENSE;
import static dev.approuting.admin.AdminCompany.MAVEN;
import static dev.approuting.admin.AdminCompany.SCRATCH;
import static dev.approuting.admin.AdminCompany.USERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.approuting.admin.internal.DataBrowser;
import dev.approuting.core.CredentialsSource;
import dev.approuting.core.DbCredentials;
import dev.approuting.core.DbName;
import dev.approuting.core.Environment;
import dev.approuting.core.ErrorCode;
import dev.approuting.core.RoutingException;
import dev.approuting.fixtures.TestServers;
import dev.approuting.testkit.postgres.PostgresExtension;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

/**
 * The per-database page and the data browser over HTTP, on real PostgreSQL: {@code users.people} holds
 * seven rows (one with a {@code <script>} value, one with a 500-character value, secrets in
 * {@code password_hash} and {@code api_key}), read through a read-only role {@code users_reader}.
 */
class ConsoleIT {
    static final String TOKEN = "browse-token-0123456789abcdef";

    @RegisterExtension
    static final PostgresExtension a = PostgresExtension.embedded();

    @RegisterExtension
    static final PostgresExtension b = PostgresExtension.embedded();

    private static AdminServer admin;
    private static final ListAppender<ILoggingEvent> audit = new ListAppender<>();

    /** Creates the table, its rows, the read-only role and two numbered login roles of namespace prod. */
    static void seed(PostgresExtension server) {
        server.execute(
                "users",
                "CREATE TABLE users.people (id bigint PRIMARY KEY, name text NOT NULL, password_hash text,"
                        + " api_key text, bio text)",
                "INSERT INTO users.people SELECT i, 'person ' || i, 'hunter' || i, 'key-' || i, 'bio ' || i"
                        + " FROM generate_series(1, 7) i",
                "UPDATE users.people SET name = '<script>alert(1)</script>' WHERE id = 2",
                "UPDATE users.people SET bio = repeat('x', 500) WHERE id = 3",
                "CREATE ROLE users_reader LOGIN",
                "GRANT CONNECT ON DATABASE users TO users_reader",
                "GRANT USAGE ON SCHEMA users TO users_reader",
                "GRANT SELECT ON ALL TABLES IN SCHEMA users TO users_reader",
                "ALTER DEFAULT PRIVILEGES IN SCHEMA users GRANT SELECT ON TABLES TO users_reader",
                "CREATE ROLE users_prod_0001 LOGIN",
                "COMMENT ON ROLE users_prod_0001 IS 'approuting login role of database ''users'' for namespace ''prod'''",
                "CREATE ROLE users_prod_0002 LOGIN",
                "COMMENT ON ROLE users_prod_0002 IS 'approuting login role of database ''users'' for namespace ''prod''';");
    }

    /** Writers as the superuser; readers: the read-only role for users, the superuser (refused) for buildsense. */
    static CredentialsSource credentials(PostgresExtension a, PostgresExtension b) {
        Map<DbName, DbCredentials> writers = new LinkedHashMap<>();
        for (DbName db : List.of(USERS, BUILDSENSE, SCRATCH)) {
            writers.put(db, TestServers.superuser(a, db.value()));
        }
        writers.put(MAVEN, TestServers.superuser(b, MAVEN.value()));
        Map<DbName, DbCredentials> readers = Map.of(
                USERS, TestServers.superuser(a, "users").withLogin("users_reader", "not-checked-by-trust"),
                BUILDSENSE, TestServers.superuser(a, "buildsense").withLogin("postgres_alias", "x"));
        return CredentialsSource.of(writers, readers);
    }

    @BeforeAll
    static void start() {
        AdminCompany.migrate(a, b);
        seed(a);
        a.execute("buildsense", "CREATE ROLE postgres_alias LOGIN SUPERUSER");
        Logger logger = (Logger) LoggerFactory.getLogger(DataBrowser.class);
        logger.setLevel(Level.INFO);
        audit.start();
        logger.addAppender(audit);
        admin = AdminServer.configure(AdminCompany.registry())
                .credentials(credentials(a, b))
                .environment(Environment.DEVELOPMENT)
                .browseToken("oncall", TOKEN)
                .sensitiveColumns("bio_secret")
                .browsePageSize(5)
                .start();
    }

    @AfterAll
    static void stop() {
        admin.close();
    }

    @Test
    void theDatabasePageShowsServerFactsHistoryLintFixesServicesAndLoginRoles() throws Exception {
        Http.Response page = Http.get(admin.uri(), "/db/users");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header("Content-Security-Policy")).contains("default-src 'none'");
        assertThat(page.header("X-Content-Type-Options")).isEqualTo("nosniff");
        String html = page.body();
        assertThat(html)
                .contains("<title>Database users · development</title>")
                .containsPattern("<dd id=\"version\">1[3-9]\\.")
                .containsPattern("<dd id=\"size\">[0-9.]+ (kB|MB)</dd>")
                .contains("of max_connections ")
                .contains("<dd id=\"locks\">none</dd>")
                .contains("<p id=\"services\">buildsense/api, maven/crawler</p>");
        // the history of every app, with description, who installed it and whether it succeeded
        assertThat(html)
                .contains("<section class=\"app\" id=\"app-audit\">")
                .containsPattern(
                        "<tr class=\"applied\"><td>1</td><td>[^<]+</td><td>SQL</td><td>20[0-9-]+ [0-9:]+</td><td>postgres</td><td>[0-9]+ ms</td><td>yes</td></tr>");
        // ledger's pending migration: the finding and its fix
        assertThat(html)
                .containsPattern("(?s)id=\"app-ledger\".*class=\"lint-error\".*<div class=\"fix\">fix: [^<]+</div>");
        // login roles of namespace prod: the older one waits for retirement
        assertThat(html)
                .containsPattern("(?s)<code>users_prod_0001</code>.*waiting for retireOld\\(true\\)")
                .containsPattern("(?s)<code>users_prod_0002</code></td><td>prod</td><td>2</td><td>0</td><td>newest");
        assertThat(html).contains("<a class=\"browse\" href=\"/browse/users/users\">browse tables</a>");
    }

    @Test
    void anUnknownDatabasePageSaysWhichExist() throws Exception {
        Http.Response page = Http.get(admin.uri(), "/db/userz");
        assertThat(page.status()).isEqualTo(404);
        assertThat(page.body()).contains("userz").contains("did you mean");
    }

    @Test
    void theHomePageFiltersOnTheServer() throws Exception {
        String html = Http.get(admin.uri(), "/?q=crawler").body();
        assertThat(html)
                .contains("value=\"crawler\"")
                .contains("id=\"db-maven\"")
                .contains("id=\"db-users\"")
                .doesNotContain("id=\"db-buildsense\"", "id=\"db-scratch\"")
                .contains("<td class=\"services\">buildsense/api, maven/crawler</td>")
                .containsPattern("id=\"last-run\" class=\"meta\">last migration applied 20");
        assertThat(Http.get(admin.uri(), "/?q=%3Cb%3E").body())
                .contains("value=\"&lt;b&gt;\"")
                .doesNotContain("<b>");
    }

    @Test
    void theBrowserRefusesRequestsWithoutItsToken() throws Exception {
        Http.Response none = Http.get(admin.uri(), "/browse/users/users/people");
        assertThat(none.status()).isEqualTo(401);
        assertThat(none.header("WWW-Authenticate")).contains("Bearer");
        assertThat(none.header("Content-Security-Policy")).contains("default-src 'none'");
        assertThat(none.body()).contains("browseToken(name, token)").doesNotContain("hunter");
        Http.Response wrong = Http.send(admin.uri(), "/browse/users/users/people", "GET", TOKEN + "x");
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(Http.send(admin.uri(), "/browse/users/users/people", "POST", TOKEN)
                        .status())
                .isEqualTo(405);
    }

    @Test
    void theBrowserPagesThroughATableMaskingSecretsAndEscapingValues() throws Exception {
        audit.list.clear();
        Http.Response tables = Http.send(admin.uri(), "/browse/users/users", "GET", TOKEN);
        assertThat(tables.status()).isEqualTo(200);
        assertThat(tables.body()).contains("href=\"/browse/users/users/people\"");

        Http.Response first = Http.send(admin.uri(), "/browse/users/users/people", "GET", TOKEN);
        assertThat(first.status()).isEqualTo(200);
        String html = first.body();
        assertThat(ids(html)).containsExactly("1", "2", "3", "4", "5");
        assertThat(html)
                .contains("&lt;script&gt;alert(1)&lt;/script&gt;")
                .doesNotContain("<script>alert")
                .contains("(500 characters)")
                .doesNotContain("x".repeat(201))
                .doesNotContain("hunter", "key-1")
                .contains(
                        "password_hash <span class=\"tag\">masked</span>", "api_key <span class=\"tag\">masked</span>");
        Matcher next = Pattern.compile("<a id=\"next\" href=\"([^\"]+)\"").matcher(html);
        assertThat(next.find()).as("a next link on the first page").isTrue();
        assertThat(next.group(1)).isEqualTo("/browse/users/users/people?after=5");

        Http.Response second = Http.send(admin.uri(), next.group(1), "GET", TOKEN);
        assertThat(ids(second.body())).containsExactly("6", "7");
        assertThat(second.body()).doesNotContain("id=\"next\"").contains("id=\"first\"");

        assertThat(audit.list)
                .extracting(ILoggingEvent::getFormattedMessage)
                .contains(
                        "users: data browser: token 'oncall' listed the 3 tables of app 'users'",
                        "users: data browser: token 'oncall' read 5 rows of users.people",
                        "users: data browser: token 'oncall' read 2 rows of users.people after 1 key value(s)")
                .noneMatch(line -> line.contains(TOKEN));
    }

    @Test
    void theBrowserRefusesARoleThatCouldWriteAndADatabaseWithoutReader() throws Exception {
        Http.Response superuser = Http.send(admin.uri(), "/browse/buildsense/events", "GET", TOKEN);
        assertThat(superuser.status()).isEqualTo(403);
        assertThat(superuser.body()).contains("postgres_alias").contains("is a superuser");
        Http.Response noReader = Http.send(admin.uri(), "/browse/scratch/notes", "GET", TOKEN);
        assertThat(noReader.status()).isEqualTo(403);
        assertThat(noReader.body())
                .contains("database &#39;scratch&#39;")
                .contains("reads only through a read-only role");
        Http.Response missing = Http.send(admin.uri(), "/browse/users/users/nope", "GET", TOKEN);
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.body()).contains("people");
    }

    @Test
    void theBrowserIsOffUnlessTurnedOnAndItsTokensAreChecked() throws Exception {
        try (AdminServer plain = AdminServer.configure(AdminCompany.registry())
                .credentials(credentials(a, b))
                .environment(Environment.DEVELOPMENT)
                .start()) {
            Http.Response off = Http.send(plain.uri(), "/browse/users/users/people", "GET", TOKEN);
            assertThat(off.status()).isEqualTo(404);
            assertThat(off.body()).contains("browseToken(name, token)").doesNotContain("person 1");
            assertThat(Http.get(plain.uri(), "/db/users").body()).doesNotContain("browse tables");
        }
        assertThatThrownBy(() -> AdminServer.configure(AdminCompany.registry())
                        .credentials(credentials(a, b))
                        .browseToken("on call", "short")
                        .browsePageSize(0)
                        .start())
                .isInstanceOf(RoutingException.class)
                .satisfies(e -> assertThat(((RoutingException) e).code()).isEqualTo(ErrorCode.INVALID_CONFIGURATION))
                .hasMessageContaining("browse token name 'on call'")
                .hasMessageContaining("browsePageSize is 0");
    }

    private static List<String> ids(String html) {
        return Pattern.compile("<td data-column=\"id\">([0-9]+)</td>")
                .matcher(html)
                .results()
                .map(m -> m.group(1))
                .toList();
    }
}
