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
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code migrate-all --dry-run} shows what the lint gate of the real run will refuse (scripts in
 * {@code src/test/resources/db/migration/gate*}: {@code gaterisky} drops a column).
 */
class MigrateAllDryRunIT {
    @RegisterExtension
    static final PostgresExtension pg = PostgresExtension.embedded();

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DbName CALM = DbName.of("dry_calm");
    private static final DbName RISKY = DbName.of("dry_risky");
    private static final DbRouterRegistry REGISTRY = DbRouterRegistry.builder()
            .router(PerAppDbRouter.forDb(CALM.value()).apps("gatecalm").build())
            .router(PerAppDbRouter.forDb(RISKY.value()).apps("gaterisky").build())
            .build();

    @TempDir
    Path secrets;

    private record Run(int exit, String out, String err) {}

    @BeforeEach
    void databasesAndSecrets() throws IOException {
        for (DbName db : List.of(CALM, RISKY)) {
            pg.execute("postgres", "DROP DATABASE IF EXISTS " + db + " WITH (FORCE)", "CREATE DATABASE " + db);
            Files.writeString(
                    secrets.resolve(CredentialsSource.secretName("test", db)),
                    DbCredentials.of(pg.host(), pg.port(), db.value(), pg.user(), pg.password())
                            .toSecretJson());
        }
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
    void theDryRunShowsWhatTheGateWillRefuseAndExitsAsTheRealRun() throws IOException {
        Run plan = routing("migrate-all", "--dry-run");

        assertThat(plan.exit()).as(plan.out() + plan.err()).isEqualTo(RoutingCommandLine.FAILED);
        assertThat(plan.out())
                .contains("dry_risky: WOULD FAIL, V2__drop.sql line 1: a real run would refuse to migrate:"
                        + " 1 unsafe statement")
                .contains("gaterisky/V2__drop.sql:1:1 [drop-column]")
                .contains("allowUnsafe(true) (--allow-unsafe)")
                .contains("gaterisky (new here): would apply 1, 2")
                .contains("dry_calm: 1 pending")
                .contains("dry run: 2 databases, 1 ok, 1 would fail;");

        JsonNode json = JSON.readTree(
                routing("migrate-all", "--dry-run", "--format", "json").out());
        assertThat(json.get("success").asBoolean()).isFalse();
        assertThat(json.at("/databases/1/error/message").asText()).startsWith("a real run would refuse to migrate");
        assertThat(json.at("/databases/1/apps/0/pending").toString()).isEqualTo("[\"1\",\"2\"]");
        assertThat(pg.column(RISKY.value(), "SELECT count(*) FROM pg_namespace WHERE nspname = 'gaterisky'"))
                .containsExactly("0");

        Run run = routing("migrate-all", "--format", "json");

        assertThat(run.exit()).isEqualTo(RoutingCommandLine.FAILED);
        JsonNode refused = JSON.readTree(run.out()).at("/databases/1/error/message");
        assertThat(refused.asText()).startsWith("refused to migrate: 1 unsafe statement");
        assertThat(pg.column(CALM.value(), "SELECT max(version) FROM gatecalm.flyway_schema_history"))
                .containsExactly("1");
        assertThat(routing("migrate-all", "--dry-run", "--allow-unsafe").exit()).isZero();
    }
}
