package dev.approuting.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.approuting.core.DbRouterRegistry;
import dev.approuting.fixtures.Company;
import dev.approuting.fixtures.TestServers;
import dev.approuting.testkit.postgres.PostgresExtension;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class RoutingCommandLineIT {
    private static final DbRouterRegistry REGISTRY = Company.registry();
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final PostgresExtension pg = PostgresExtension.embedded();

    @TempDir
    static Path secrets;

    @BeforeAll
    static void start() throws IOException {
        TestServers.createDatabases(pg, REGISTRY.dbNames());
        TestServers.writeSecrets(secrets, "test", Company.credentials(pg, REGISTRY.dbNames()), REGISTRY.dbNames());
    }

    private record Run(int exit, String out, String err) {
        JsonNode json() throws IOException {
            return JSON.readTree(out);
        }
    }

    private static Run routing(String... args) {
        return routing(REGISTRY, args);
    }

    private static Run routing(@Nullable DbRouterRegistry registry, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = RoutingCommandLine.runWith(registry, new PrintWriter(out), new PrintWriter(err), args);
        return new Run(exit, out.toString(), err.toString());
    }

    private static String[] withDbs(String dbs, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--db", dbs, "--secrets-dir", secrets.toString(), "--namespace", "test"));
        return all.toArray(String[]::new);
    }

    @Test
    void helpVersionAndUsageErrors() {
        Run help = routing("--help");
        assertThat(help.exit()).isZero();
        assertThat(help.out())
                .contains("migrate-all", "status", "validate", "new-migration", "dev-setup", "init-db", "lint")
                .contains("Exit codes:");
        assertThat(routing("migrate-all", "--help").out()).contains("--dry-run", "--parallel", "--secrets-dir");
        Run version = routing("--version");
        assertThat(version.exit()).isZero();
        assertThat(version.out()).startsWith("routing ");

        Run unknownOption = routing("status", "--no-such-option");
        assertThat(unknownOption.exit()).isEqualTo(RoutingCommandLine.USAGE);
        assertThat(unknownOption.err()).contains("--no-such-option");
        Run unknownDb = routing(withDbs("d01,d0x", "status"));
        assertThat(unknownDb.exit()).isEqualTo(RoutingCommandLine.USAGE);
        assertThat(unknownDb.err()).contains("database 'd0x'", "did you mean");
        Run noNamespace = routing("status");
        assertThat(noNamespace.exit()).isEqualTo(RoutingCommandLine.USAGE);
        assertThat(noNamespace.err()).contains("--namespace");
    }

    @Test
    void migratesReportsStatusAndValidatesEndToEnd() throws IOException {
        Run before = routing(withDbs("d01,d02,d03", "status", "--format", "json"));
        assertThat(before.exit()).isEqualTo(RoutingCommandLine.FAILED);
        assertThat(before.json().get("pending").asInt()).isEqualTo(18);
        assertThat(routing(withDbs("d01,d02,d03", "status", "--report-only")).exit())
                .isZero();

        Run plan = routing(withDbs("d01,d02,d03", "migrate-all", "--dry-run", "--format", "json"));
        assertThat(plan.exit()).isZero();
        JsonNode planned = plan.json();
        assertThat(planned.get("dryRun").asBoolean()).isTrue();
        assertThat(planned.get("pending").asInt()).isEqualTo(18);
        assertThat(planned.at("/databases/0/apps/0/outcome").asText()).isEqualTo("PLANNED");
        assertThat(plan.err()).contains("d01: planning 2 apps");

        Run migrate = routing(withDbs("d01,d02,d03", "migrate-all", "--parallel", "2"));
        assertThat(migrate.exit()).isZero();
        assertThat(migrate.out())
                .contains("d02: migrating 2 apps [billing, workflow]", "workflow (new here): applied 1, 2, 3")
                .contains("migrate-all: 3 databases, 3 ok, 0 failed; 18 migrations applied");

        Run after = routing(withDbs("d01,d02,d03", "status"));
        assertThat(after.exit()).isZero();
        assertThat(after.out())
                .contains("status: every database is up to date")
                .containsPattern("d02 +workflow +3 +0 +ok");

        Run broken = routing(withDbs("d09", "migrate-all", "--format", "json"));
        assertThat(broken.exit()).isEqualTo(RoutingCommandLine.FAILED);
        JsonNode failure = broken.json().at("/databases/0/apps/1");
        assertThat(failure.get("outcome").asText()).isEqualTo("FAILED");
        assertThat(failure.at("/error/script").asText()).isEqualTo("V2__add_amount.sql");
        assertThat(failure.at("/error/line").asInt()).isEqualTo(4);
        assertThat(failure.at("/error/sqlState").asText()).isEqualTo("42P01");
        assertThat(broken.json().at("/databases/0/apps/2/outcome").asText()).isEqualTo("SKIPPED");

        assertThat(routing(withDbs("d01,d02", "validate")).exit()).isZero();
        pg.execute("d02", "UPDATE billing.flyway_schema_history SET checksum = 42 WHERE version = '3'");
        Run invalid = routing(withDbs("d01,d02", "validate"));
        assertThat(invalid.exit()).isEqualTo(RoutingCommandLine.FAILED);
        assertThat(invalid.out()).contains("d02/billing").contains("1 problems");
    }

    @Test
    void findsTheRegistryThroughRegistryClassBeforeOrAfterTheSubcommand() {
        String provider = TestRegistryProvider.class.getName();
        Run before = routing(null, withDbs("d05", "--registry-class", provider, "status", "--report-only"));
        Run after = routing(null, withDbs("d05", "status", "--report-only", "--registry-class", provider));
        Run missing = routing(null, withDbs("d05", "status", "--registry-class", "com.example.Missing"));

        assertThat(before.exit()).isZero();
        assertThat(before.out()).contains("d05");
        assertThat(after.exit()).isZero();
        assertThat(missing.exit()).isEqualTo(RoutingCommandLine.USAGE);
        assertThat(missing.err()).contains("com.example.Missing", "java -cp");
    }

    @Test
    void newMigrationWritesTheNextFile(@TempDir Path dir) throws IOException {
        Run run = routing("new-migration", "--app", "workflow", "--description", "add index", "--dir", dir.toString());

        assertThat(run.exit()).isZero();
        Path file = Path.of(run.out().strip());
        assertThat(file.getParent()).isEqualTo(dir.resolve("workflow"));
        assertThat(file.getFileName().toString()).matches("V\\d{14}__add_index\\.sql");
        assertThat(Files.exists(file)).isTrue();
        assertThat(routing("new-migration", "--app", "Bad-Name", "--description", "x", "--dir", dir.toString())
                        .exit())
                .isEqualTo(RoutingCommandLine.USAGE);
    }
}
