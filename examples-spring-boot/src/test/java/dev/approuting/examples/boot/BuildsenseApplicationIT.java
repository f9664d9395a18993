package dev.approuting.examples.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.approuting.testkit.App;
import dev.approuting.testkit.RoutingTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The Spring Boot service on the testkit's migrated clones: a request writes through apps of two databases,
 * health shows each database, metrics show one pool per database.
 */
// readme:spring-test:begin
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RoutingTest(service = "buildsense/api")
class BuildsenseApplicationIT {
    // readme:spring-test:end
    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aRequestWritesThroughAppsOfTwoDatabases(
            @App("users") DSLContext users,
            @App("ingestion") DSLContext ingestion,
            @App("workflow") DSLContext workflow)
            throws Exception {
        HttpResponse<String> created = post(
                "/builds",
                "{\"email\":\"ada@example.com\",\"name\":\"Ada\",\"repo\":\"acme/app\",\"branch\":\"main\","
                        + "\"files\":{\"a.xml\":1,\"b.xml\":2}}");

        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(created.body()).contains("\"newAccount\":true");
        assertThat(users.fetchValue("SELECT current_database()"))
                .isNotEqualTo(ingestion.fetchValue("SELECT current_database()"));
        assertThat(users.fetchValue("SELECT count(*) FROM user_account WHERE email = 'ada@example.com'"))
                .isEqualTo(1L);
        assertThat(ingestion.fetchValue("SELECT count(*) FROM ingested_file")).isEqualTo(2L);
        assertThat(workflow.fetchValue("SELECT count(*) FROM work_unit WHERE kind = 'process-build'"))
                .isEqualTo(1L);
        String build = created.body().replaceAll(".*\"build\":(\\d+).*", "$1");
        assertThat(get("/builds/" + build + "/files").body()).isEqualTo("{\"files\":2}");
    }

    @Test
    void healthShowsEachDatabaseUnderApprouting() throws Exception {
        HttpResponse<String> health = get("/actuator/health");

        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body())
                .contains("\"approuting\":{\"components\":{\"buildsense\":{\"details\":{\"essential\":true,")
                .contains("\"users\":{\"details\":{\"essential\":false,\"apps\":[\"users\"]")
                .endsWith("\"status\":\"UP\"}");
        assertThat(get("/actuator/approuting").body())
                .contains("\"service\":\"buildsense/api\"")
                .contains("\"workflow\":\"buildsense\"")
                .contains("\"users\":\"users\"");
    }

    @Test
    void metricsShowOnePoolPerDatabaseWithItsTags() throws Exception {
        post("/builds", "{\"email\":\"bo@example.com\",\"name\":\"Bo\",\"repo\":\"r\",\"branch\":\"b\",\"files\":{}}");

        assertThat(get("/actuator/metrics/approuting.query?tag=db:users&tag=app:users")
                        .statusCode())
                .isEqualTo(200);
        assertThat(get("/actuator/metrics/approuting.query?tag=db:buildsense&tag=app:workflow")
                        .body())
                .contains("\"COUNT\"");
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String json) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(json))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
