package dev.approuting.flyway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.approuting.core.CredentialsSource;
import dev.approuting.core.DbCredentials;
import dev.approuting.core.DbName;
import dev.approuting.core.DbRouterRegistry;
import dev.approuting.core.PerAppDbRouter;
import dev.approuting.core.RoutingException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DevSetupIT {
    private static final DbRouterRegistry REGISTRY = DbRouterRegistry.builder()
            .router(PerAppDbRouter.forDb("dev_users").apps("users", "workflow").build())
            .router(PerAppDbRouter.forDb("dev_catalog").apps("catalog").build())
            .router(PerAppDbRouter.forDb("dev_scratch").apps("notes").devOnly().build())
            .build();
    private static Pg pg;

    @BeforeAll
    static void start() {
        pg = Pg.start();
    }

    @AfterAll
    static void stop() throws IOException {
        pg.close();
    }

    @Test
    void createsMissingDatabasesIncludingDevOnlyOnesThenMigratesAndASecondRunChangesNothing() {
        pg.execute("postgres", "CREATE DATABASE dev_catalog");
        pg.execute("dev_catalog", "CREATE TABLE public.keep_me (id int)");

        DevSetupReport first = DevSetup.configure(REGISTRY)
                .superuser(pg.superuserUrl(), "postgres", "postgres")
                .run();

        assertThat(first.success()).isTrue();
        assertThat(first.changed()).isTrue();
        assertThat(first.created()).containsExactly(DbName.of("dev_users"), DbName.of("dev_scratch"));
        assertThat(first.existing()).containsExactly(DbName.of("dev_catalog"));
        assertThat(first.migration().appliedCount()).isEqualTo(12);
        assertThat(pg.historyVersions("dev_scratch", "notes")).containsExactly("1", "2", "3");
        assertThat(pg.column("dev_catalog", "SELECT count(*) FROM public.keep_me"))
                .containsExactly("0");

        StringWriter out = new StringWriter();
        int exit = RoutingCommandLine.run(
                REGISTRY,
                new PrintWriter(out),
                new PrintWriter(new StringWriter()),
                "dev-setup",
                "--url",
                pg.superuserUrl(),
                "--user",
                "postgres",
                "--password",
                "postgres");

        assertThat(exit).isZero();
        assertThat(out.toString()).contains("dev-setup: nothing changed, all 3 databases exist and are up to date");
        assertThat(out.toString()).doesNotContain("created");
    }

    @Test
    void withRolesProvisionsLikeProductionAndMigratesThroughTheSecrets(@TempDir Path secrets) {
        DbRouterRegistry registry = DbRouterRegistry.builder()
                .router(PerAppDbRouter.forDb("roles_users").apps("users").build())
                .router(PerAppDbRouter.forDb("roles_scratch")
                        .apps("notes")
                        .devOnly()
                        .build())
                .build();

        DevSetupReport first = DevSetup.configure(registry)
                .superuser(pg.superuserUrl(), "postgres", "postgres")
                .withRoles(secrets, "dev")
                .run();

        assertThat(first.success()).isTrue();
        assertThat(first.created()).containsExactly(DbName.of("roles_users"), DbName.of("roles_scratch"));
        assertThat(first.provisioning()).hasSize(2);
        DbCredentials users = CredentialsSource.mountedSecrets(secrets, "dev").require(DbName.of("roles_users"));
        assertThat(users.user()).isEqualTo("roles_users_dev_0001");
        assertThat(users.setRole()).isEqualTo("roles_users_owner");
        assertThat(
                        pg.column(
                                "roles_users",
                                "SELECT tableowner FROM pg_tables WHERE schemaname = 'users' AND tablename <> 'flyway_schema_history'"))
                .isNotEmpty()
                .containsOnly("roles_users_owner");

        DevSetupReport second = DevSetup.configure(registry)
                .superuser(pg.superuserUrl(), "postgres", "postgres")
                .withRoles(secrets, "dev")
                .run();
        assertThat(second.success()).isTrue();
        assertThat(second.changed()).isFalse();
        assertThat(CredentialsSource.mountedSecrets(secrets, "dev").require(DbName.of("roles_users")))
                .isEqualTo(users);
    }

    @Test
    void rejectsAUrlThatIsNotPostgres() {
        assertThatThrownBy(() -> DevSetup.configure(REGISTRY).superuser("jdbc:mysql://x/y", "root", ""))
                .isInstanceOf(RoutingException.class)
                .hasMessageContaining("jdbc:postgresql://");
    }
}
