package dev.approuting.examples.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.approuting.testkit.postgres.PostgresExtension;
import dev.approuting.testkit.postgres.PostgresProvider;
import dev.approuting.testkit.postgres.PostgresServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The service as it runs in a deployment: its own secrets, its two databases on two servers, migrated at
 * start (development mode). The users database is not essential: with its server stopped the service
 * stays UP, and recovers when the server is back.
 */
class BuildsenseServiceIT {
    @RegisterExtension
    static final PostgresExtension buildsenseServer = PostgresExtension.embedded();

    @RegisterExtension
    static final PostgresExtension usersServer = PostgresExtension.restartable(PostgresProvider.embedded());

    @TempDir
    static Path secrets;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void servesWritesThroughTwoDatabasesAndStaysUpWhileANonEssentialOneIsStopped() throws Exception {
        database(buildsenseServer, "buildsense");
        database(usersServer, "users");
        try (ConfigurableApplicationContext app = SpringApplication.run(
                BuildsenseApplication.class,
                "--server.port=0",
                "--approuting.credentials.secrets-dir=" + secrets,
                "--approuting.credentials.namespace=test",
                "--approuting.migrate-on-start=true",
                "--approuting.databases.users.pool.connection-timeout=1s",
                "--approuting.databases.users.pool.validation-timeout=1s")) {
            String base = "http://127.0.0.1:" + app.getEnvironment().getProperty("local.server.port");

            HttpResponse<String> created = send(HttpRequest.newBuilder(URI.create(base + "/builds"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"ada@example.com\",\"name\":\"Ada\","
                            + "\"repo\":\"acme/app\",\"branch\":\"main\",\"files\":{\"a.xml\":1}}")));
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            assertThat(count(usersServer, "users", "SELECT count(*) FROM users.user_account"))
                    .isOne();
            assertThat(count(buildsenseServer, "buildsense", "SELECT count(*) FROM ingestion.ingested_file"))
                    .isOne();

            // Micrometer: one pool per logical database, tagged with it and the service.
            for (String db : new String[] {"users", "buildsense"}) {
                HttpResponse<String> pool = get(base + "/actuator/metrics/hikaricp.connections.max?tag=db:" + db
                        + "&tag=service:buildsense/api&tag=pool:db-" + db);
                assertThat(pool.statusCode()).as(pool.body()).isEqualTo(200);
            }
            assertThat(get(base + "/actuator/metrics/hikaricp.connections.max?tag=db:users")
                            .body())
                    .contains("\"value\":10.0");

            HttpResponse<String> health = get(base + "/actuator/health");
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.body())
                    .contains("\"buildsense\":{\"details\":{\"essential\":true")
                    .contains("\"users\":{\"details\":{\"essential\":false")
                    .endsWith("\"status\":\"UP\"}");

            usersServer.stop();
            HttpResponse<String> degraded = get(base + "/actuator/health");
            assertThat(degraded.statusCode()).as(degraded.body()).isEqualTo(200);
            assertThat(degraded.body())
                    .contains("\"users\":{\"details\":{\"essential\":false")
                    .contains("\"description\":\"a non-essential database is unreachable; the service works without"
                            + " it\",\"status\":\"DEGRADED\"}},\"status\":\"UP\"}")
                    .endsWith("\"status\":\"UP\"}");

            usersServer.start();
            HttpResponse<String> back = get(base + "/actuator/health/approuting/users");
            assertThat(back.statusCode()).isEqualTo(200);
            assertThat(back.body()).contains("\"status\":\"UP\"");
        }
    }

    private static void database(PostgresServer server, String db) throws Exception {
        try (Connection c = server.connect(server.adminDatabase());
                Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + db);
        }
        Files.writeString(
                secrets.resolve("test-db-" + db + "-creds"),
                "{\"engine\":\"postgres\",\"host\":\"" + server.host() + "\",\"port\":" + server.port()
                        + ",\"dbname\":\"" + db + "\",\"user\":\"postgres\",\"password\":\"unused\"}");
    }

    private static long count(PostgresServer server, String db, String sql) throws Exception {
        try (Connection c = server.connect(db);
                Statement s = c.createStatement();
                var rows = s.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private HttpResponse<String> get(String url) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(url)));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
