package dev.approuting.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.approuting.core.DbName;
import dev.approuting.core.DbRouterRegistry;
import dev.approuting.fixtures.Company;
import dev.approuting.fixtures.TestServers;
import dev.approuting.flyway.DevSetup;
import dev.approuting.flyway.DevSetupReport;
import dev.approuting.testkit.postgres.PostgresExtension;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code routing dev-setup} after the API set the server up: a second run says nothing changed. */
class DevSetupCommandIT {
    private static final DbRouterRegistry REGISTRY = Company.devRegistry();

    @RegisterExtension
    static final PostgresExtension pg = PostgresExtension.embedded();

    @Test
    void createsMissingDatabasesIncludingDevOnlyOnesThenMigratesAndASecondRunChangesNothing() {
        pg.execute("postgres", "CREATE DATABASE dev_catalog");
        pg.execute("dev_catalog", "CREATE TABLE public.keep_me (id int)");

        DevSetupReport first = DevSetup.configure(REGISTRY)
                .superuser(pg.jdbcUrl("postgres"), "postgres", "postgres")
                .load()
                .run();

        assertThat(first.success()).isTrue();
        assertThat(first.changed()).isTrue();
        assertThat(first.created()).containsExactly(DbName.of("dev_users"), DbName.of("dev_scratch"));
        assertThat(first.existing()).containsExactly(DbName.of("dev_catalog"));
        assertThat(first.migration().appliedCount()).isEqualTo(12);
        assertThat(TestServers.historyVersions(pg, "dev_scratch", "notes")).containsExactly("1", "2", "3");
        assertThat(pg.column("dev_catalog", "SELECT count(*) FROM public.keep_me"))
                .containsExactly("0");

        StringWriter out = new StringWriter();
        int exit = RoutingCommandLine.run(
                REGISTRY,
                new PrintWriter(out),
                new PrintWriter(new StringWriter()),
                "dev-setup",
                "--url",
                pg.jdbcUrl("postgres"),
                "--user",
                "postgres",
                "--password",
                "postgres");

        assertThat(exit).isZero();
        assertThat(out.toString()).contains("dev-setup: nothing changed, all 3 databases exist and are up to date");
        assertThat(out.toString()).doesNotContain("created");
    }
}
