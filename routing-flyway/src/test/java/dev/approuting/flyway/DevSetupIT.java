package dev.approuting.flyway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.approuting.core.CredentialsSource;
import dev.approuting.core.DbCredentials;
import dev.approuting.core.DbName;
import dev.approuting.core.DbRouterRegistry;
import dev.approuting.core.PerAppDbRouter;
import dev.approuting.core.RoutingException;
import dev.approuting.fixtures.Company;
import dev.approuting.testkit.postgres.PostgresExtension;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class DevSetupIT {
    private static final DbRouterRegistry REGISTRY = Company.devRegistry();

    @RegisterExtension
    static final PostgresExtension pg = PostgresExtension.embedded();

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
                .superuser(pg.jdbcUrl("postgres"), "postgres", "postgres")
                .withRoles(secrets, "dev")
                .load()
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
                .superuser(pg.jdbcUrl("postgres"), "postgres", "postgres")
                .withRoles(secrets, "dev")
                .load()
                .run();
        assertThat(second.success()).isTrue();
        assertThat(second.changed()).isFalse();
        assertThat(CredentialsSource.mountedSecrets(secrets, "dev").require(DbName.of("roles_users")))
                .isEqualTo(users);
    }

    @Test
    void withRolesKeepsTheTlsSettingsOfTheSuperuserUrl(@TempDir Path secrets) {
        DbRouterRegistry registry = DbRouterRegistry.builder()
                .router(PerAppDbRouter.forDb("tls_users").apps("users").build())
                .build();
        DevSetup setup = DevSetup.configure(registry)
                .superuser(pg.jdbcUrl("postgres") + "?sslmode=require", "postgres", "postgres")
                .withRoles(secrets, "dev")
                .load();

        // The embedded server has no TLS: a provisioner that dropped the URL's sslmode would connect in plain text.
        assertThatThrownBy(setup::run)
                .isInstanceOf(RoutingException.class)
                .hasMessageContaining("tls_users")
                .hasMessageContaining("SSL");
        assertThat(pg.column("postgres", "SELECT datname FROM pg_database WHERE datname = 'tls_users'"))
                .isEmpty();
    }

    @Test
    void twoSetupsAtOnceBothSucceed(@TempDir Path secrets) throws Exception {
        for (int round = 0; round < 3; round++) {
            for (boolean withRoles : List.of(false, true)) {
                String suffix = round + (withRoles ? "_roles" : "_plain");
                DbRouterRegistry registry = DbRouterRegistry.builder()
                        .router(PerAppDbRouter.forDb("twice_users_" + suffix)
                                .apps("users")
                                .build())
                        .router(PerAppDbRouter.forDb("twice_notes_" + suffix)
                                .apps("notes")
                                .build())
                        .build();
                CyclicBarrier start = new CyclicBarrier(2);
                ExecutorService threads = Executors.newFixedThreadPool(2);
                try {
                    List<Future<DevSetupReport>> runs = new ArrayList<>();
                    for (int i = 0; i < 2; i++) {
                        runs.add(threads.submit(() -> {
                            DevSetup.Builder setup = DevSetup.configure(registry)
                                    .superuser(pg.jdbcUrl("postgres"), "postgres", "postgres");
                            if (withRoles) {
                                setup.withRoles(secrets, "dev");
                            }
                            DevSetup loaded = setup.load();
                            start.await(1, TimeUnit.MINUTES);
                            return loaded.run();
                        }));
                    }
                    List<DbName> created = new ArrayList<>();
                    for (Future<DevSetupReport> run : runs) {
                        // Bounded by the provisioning lock's own wait.
                        DevSetupReport report = run.get(11, TimeUnit.MINUTES);
                        assertThat(report.success()).as(suffix + ": " + report).isTrue();
                        created.addAll(report.created());
                    }
                    assertThat(created)
                            .as("round " + suffix + ": each database created by exactly one of the two runs")
                            .containsExactlyInAnyOrder(
                                    DbName.of("twice_users_" + suffix), DbName.of("twice_notes_" + suffix));
                } finally {
                    threads.shutdownNow();
                }
            }
        }
    }

    @Test
    void rejectsAUrlThatIsNotPostgres() {
        assertThatThrownBy(() -> DevSetup.configure(REGISTRY).superuser("jdbc:mysql://x/y", "root", ""))
                .isInstanceOf(RoutingException.class)
                .hasMessageContaining("jdbc:postgresql://");
    }
}
