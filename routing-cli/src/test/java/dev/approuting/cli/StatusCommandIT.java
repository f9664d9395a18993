package dev.approuting.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.approuting.core.CredentialsSource;
import dev.approuting.core.DbCredentials;
import dev.approuting.core.DbName;
import dev.approuting.core.DbRouterRegistry;
import dev.approuting.core.PerAppDbRouter;
import dev.approuting.testkit.postgres.PostgresExtension;
import dev.approuting.testkit.postgres.PostgresStandby;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code routing status}: the history of each app, and every database's credential problem in its row. */
class StatusCommandIT {
    @RegisterExtension
    static final PostgresExtension pg = PostgresExtension.embedded();

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<DbName> DBS =
            List.of(DbName.of("st_users"), DbName.of("st_billing"), DbName.of("st_audit"));
    private static final DbRouterRegistry REGISTRY = DbRouterRegistry.builder()
            .router(PerAppDbRouter.forDb("st_users").apps("users").build())
            .router(PerAppDbRouter.forDb("st_billing").apps("billing").build())
            .router(PerAppDbRouter.forDb("st_audit").apps("audit").build())
            .build();

    @TempDir
    Path secrets;

    private record Run(int exit, String out, String err) {
        JsonNode json() throws IOException {
            return JSON.readTree(out);
        }
    }

    @BeforeEach
    void freshDatabasesWithSecrets() throws IOException {
        for (DbName db : DBS) {
            pg.execute("postgres", "DROP DATABASE IF EXISTS " + db + " WITH (FORCE)", "CREATE DATABASE " + db);
            writeSecret(db, credentials(db).toSecretJson());
        }
    }

    private static DbCredentials credentials(DbName db) {
        return DbCredentials.of(pg.host(), pg.port(), db.value(), pg.user(), pg.password());
    }

    private void writeSecret(DbName db, String json) throws IOException {
        Files.writeString(secrets.resolve(CredentialsSource.secretName("test", db)), json);
    }

    private Run routing(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--secrets-dir", secrets.toString(), "--namespace", "test"));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = RoutingCommandLine.runWith(
                REGISTRY, Map.of(), new PrintWriter(out), new PrintWriter(err), all.toArray(String[]::new));
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void historyShowsDescriptionInstalledOnInstalledByAndExecutionTime() throws IOException {
        assertThat(routing("migrate-all").exit()).isZero();

        Run text = routing("status", "--history");

        assertThat(text.exit()).as(text.out() + text.err()).isZero();
        assertThat(text.out())
                .contains("history of st_users/users:")
                .containsPattern("VERSION +DESCRIPTION +TYPE +INSTALLED ON +INSTALLED BY +TIME")
                .containsPattern(
                        "1 +create users items +SQL +\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\dZ +postgres +\\d+ ms")
                .containsPattern("3 +seed users +SQL ")
                .contains("history of st_billing/billing:");
        assertThat(routing("status").out()).doesNotContain("history of");

        JsonNode history = routing("status", "--format", "json").json().at("/databases/0/apps/0/history");
        assertThat(history.size()).isGreaterThanOrEqualTo(3);
        JsonNode first = history.get(history.size() - 3);
        assertThat(first.get("version").asText()).isEqualTo("1");
        assertThat(first.get("description").asText()).isEqualTo("create users items");
        assertThat(first.get("script").asText()).isEqualTo("V1__create_users_items.sql");
        assertThat(first.get("installedBy").asText()).isEqualTo("postgres");
        assertThat(first.get("installedOn").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
        assertThat(first.get("executionTimeMillis").isIntegralNumber()).isTrue();
        assertThat(first.get("success").asBoolean()).isTrue();
    }

    @Test
    void aMalformedAndAMissingSecretAreEachReportedInTheirRowThenExit2() throws IOException {
        writeSecret(DbName.of("st_users"), "{\"host\":\"localhost\",\"port\":5432,\"user\":\"u\",\"password\":\"pw\"}");
        Files.delete(secrets.resolve(CredentialsSource.secretName("test", DbName.of("st_billing"))));

        Run status = routing("status");

        assertThat(status.exit()).as(status.out() + status.err()).isEqualTo(RoutingCommandLine.USAGE);
        assertThat(status.out())
                .containsPattern("st_users +- +- +- +BAD CREDENTIALS .*field \"dbname\" is missing")
                .containsPattern("st_billing +- +- +- +BAD CREDENTIALS no credentials for database 'st_billing'")
                .containsPattern("st_audit +audit +\\(none\\) +3 ");
        assertThat(status.err())
                .contains("2 databases have missing or malformed credentials (st_users, st_billing")
                .doesNotContain("\"pw\"");

        Run json = routing("status", "--format", "json");
        assertThat(json.exit()).isEqualTo(RoutingCommandLine.USAGE);
        assertThat(json.json().at("/databases/0/error/code").asText()).isEqualTo("INVALID_CREDENTIALS");
        assertThat(json.json().at("/databases/1/error/code").asText()).isEqualTo("INVALID_CREDENTIALS");
        assertThat(json.json().at("/databases/2/reachable").asBoolean()).isTrue();

        Run migrate = routing("migrate-all");
        assertThat(migrate.exit()).isEqualTo(RoutingCommandLine.USAGE);
        assertThat(migrate.out())
                .contains("st_users: BAD CREDENTIALS", "st_billing: BAD CREDENTIALS")
                .contains("st_audit: ok, 3 applied");
        assertThat(migrate.err()).contains("2 databases have missing or malformed credentials");
        assertThat(routing("migrate-all", "--format", "json")
                        .json()
                        .at("/databases/1/error/code")
                        .asText())
                .isEqualTo("INVALID_CREDENTIALS");

        Run validate = routing("validate", "--format", "json");
        assertThat(validate.exit()).isEqualTo(RoutingCommandLine.USAGE);
        assertThat(validate.json().at("/problems").findValuesAsText("code"))
                .containsExactly("INVALID_CREDENTIALS", "INVALID_CREDENTIALS");
        assertThat(validate.json().at("/problems").findValuesAsText("db")).containsExactly("st_users", "st_billing");
    }

    @Test
    void theJsonShowsEachDatabasesReader() throws IOException {
        assertThat(routing("migrate-all").exit()).isZero();
        DbName users = DBS.get(0);
        DbName billing = DBS.get(1);
        try (PostgresStandby standby = pg.startStandby()) {
            standby.awaitReplay(Duration.ofSeconds(30));
            writeReaderSecret(
                    users, DbCredentials.of(standby.host(), standby.port(), users.value(), pg.user(), pg.password()));
            // A reader nobody listens on: the port of a standby that is gone.
            int gone;
            try (PostgresStandby other = pg.startStandby()) {
                gone = other.port();
            }
            writeReaderSecret(billing, DbCredentials.of(pg.host(), gone, billing.value(), pg.user(), pg.password()));

            JsonNode dbs = routing("status", "--format", "json").json().get("databases");

            JsonNode serving = database(dbs, users).get("reader");
            assertThat(serving.get("state").asText()).isEqualTo("SERVING");
            assertThat(serving.get("reachable").asBoolean()).isTrue();
            assertThat(serving.get("server").asText()).isEqualTo(standby.host() + ":" + standby.port());
            assertThat(serving.get("lagMillis").isIntegralNumber())
                    .as("lag known: %s", serving)
                    .isTrue();
            assertThat(serving.get("replayLsn").asText()).matches("[0-9A-F]+/[0-9A-F]+");
            assertThat(serving.get("fallbacks").asLong()).isZero();

            JsonNode down = database(dbs, billing).get("reader");
            assertThat(down.get("state").asText()).isEqualTo("DOWN");
            assertThat(down.get("reachable").asBoolean()).isFalse();
            assertThat(down.get("error").asText()).contains("SQLState");

            assertThat(database(dbs, DBS.get(2)).get("reader").isNull())
                    .as("a database without a reader secret")
                    .isTrue();
        }
    }

    private void writeReaderSecret(DbName db, DbCredentials reader) throws IOException {
        Files.writeString(secrets.resolve(CredentialsSource.readerSecretName("test", db)), reader.toSecretJson());
    }

    private static JsonNode database(JsonNode dbs, DbName db) {
        for (JsonNode d : dbs) {
            if (d.get("db").asText().equals(db.value())) {
                return d;
            }
        }
        throw new AssertionError("no database " + db + " in " + dbs);
    }
}
