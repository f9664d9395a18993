package dev.approuting.cli;

import static org.assertj.core.api.Assertions.assertThat;

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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code routing repair}: what validate tells the operator to run exists, with a dry run (scripts: gatecalm). */
class RepairCommandIT {
    @RegisterExtension
    static final PostgresExtension pg = PostgresExtension.embedded();

    private static final DbRouterRegistry REGISTRY = DbRouterRegistry.builder()
            .router(PerAppDbRouter.forDb("rp_calm").apps("gatecalm").build())
            .build();

    @TempDir
    Path secrets;

    private record Run(int exit, String out, String err) {}

    private Run routing(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        if (!List.of(args).contains("--help")) {
            all.addAll(List.of("--secrets-dir", secrets.toString(), "--namespace", "test"));
        }
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = RoutingCommandLine.runWith(
                REGISTRY, Map.of(), new PrintWriter(out), new PrintWriter(err), all.toArray(String[]::new));
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void validateLeadsToRepairWhoseDryRunChangesNothing() throws IOException {
        pg.execute("postgres", "DROP DATABASE IF EXISTS rp_calm WITH (FORCE)", "CREATE DATABASE rp_calm");
        Files.writeString(
                secrets.resolve(CredentialsSource.secretName("test", DbName.of("rp_calm"))),
                DbCredentials.of(pg.host(), pg.port(), "rp_calm", pg.user(), pg.password())
                        .toSecretJson());
        assertThat(routing("migrate-all").exit()).isZero();
        pg.execute("rp_calm", "UPDATE gatecalm.flyway_schema_history SET checksum = 42 WHERE version = '1'");

        Run invalid = routing("validate");
        assertThat(invalid.exit()).isEqualTo(RoutingCommandLine.FAILED);
        assertThat(invalid.out())
                .contains("rp_calm/gatecalm")
                .contains("run repair() (routing repair) for app 'gatecalm' in database 'rp_calm'");

        Run plan = routing("repair", "--dry-run", "--app", "gatecalm");
        assertThat(plan.exit()).as(plan.out() + plan.err()).isZero();
        assertThat(plan.out())
                .contains("would repair rp_calm/gatecalm: realigned 1")
                .contains("repair (dry run): 1 (database, app) pairs, 1 would change, 0 failed; nothing was changed");
        assertThat(routing("validate").exit()).isEqualTo(RoutingCommandLine.FAILED);

        Run repair = routing("repair", "--db", "rp_calm");
        assertThat(repair.exit()).as(repair.out() + repair.err()).isZero();
        assertThat(repair.out()).contains("rp_calm/gatecalm: realigned 1");
        assertThat(routing("validate").exit()).isZero();
        assertThat(routing("repair", "--app", "gatecalmm").err()).contains("did you mean 'gatecalm'?");
    }

    @Test
    void helpListsRepairAndBaseline() {
        Run help = routing("--help");

        assertThat(help.exit()).isZero();
        assertThat(help.out()).containsPattern("\\n +repair +").containsPattern("\\n +baseline +");
        assertThat(routing("baseline", "--help").out()).contains("--baseline-version", "--dry-run", "docs/adopting.md");
    }
}
