package dev.approuting.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.approuting.core.AppName;
import dev.approuting.core.CredentialsSource;
import dev.approuting.core.DbCredentials;
import dev.approuting.core.DbName;
import dev.approuting.core.DbRouterRegistry;
import dev.approuting.core.PerAppDbRouter;
import dev.approuting.core.RoutingException;
import dev.approuting.core.ServiceName;
import dev.approuting.deploy.AccessResult.Check;
import dev.approuting.flyway.DatabaseMigrator;
import dev.approuting.flyway.MigrationConfig;
import dev.approuting.flyway.provision.DatabaseProvisioner;
import dev.approuting.testkit.postgres.PostgresExtension;
import dev.approuting.testkit.postgres.PostgresProvider;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * check-access against a server that checks passwords, with the secrets init-db wrote: the service
 * {@code shop/api} declares {@code shop} and {@code ledger}; {@code legacy} belongs to the admin
 * namespace only.
 */
class AccessCheckIT {
    @RegisterExtension
    static final PostgresExtension pg =
            PostgresExtension.of(PostgresProvider.embedded().withPasswordAuthentication());

    @TempDir
    static Path secrets;

    private static final DbName SHOP = DbName.of("shop");
    private static final DbName LEDGER = DbName.of("ledger");
    private static final DbName LEGACY = DbName.of("legacy");

    @BeforeAll
    static void provisionAndMigrate() {
        provision(SHOP, "prod", "catalog", "orders");
        provision(LEDGER, "prod", "billing");
        provision(LEGACY, "ops", "archive");
    }

    private static void provision(DbName db, String namespace, String... apps) {
        DatabaseProvisioner.configure(pg.jdbcUrl("postgres"), pg.user(), pg.password())
                .apps(AppName.listOf(apps))
                .secretsDir(secrets)
                .load()
                .initDb(db, namespace);
        DatabaseMigrator.configure(
                        db, CredentialsSource.mountedSecrets(secrets, namespace).require(db))
                .apps(AppName.listOf(apps))
                .load()
                .migrate()
                .orThrow();
    }

    private static AccessCheck.Builder shopApi() {
        return AccessCheck.configure(Shop.REGISTRY, "shop/api")
                .credentials(CredentialsSource.mountedSecrets(secrets, "prod"));
    }

    private static List<String> rows(AccessReport report) {
        return report.results().stream()
                .map(r -> r.db() + " " + (r.app() == null ? "-" : r.app()) + " " + r.check() + " "
                        + (r.ok() ? "ok" : "FAILED"))
                .toList();
    }

    @Test
    void theServicesOwnSecretsReachExactlyItsDatabasesMigratedUpToItsScripts() {
        AccessReport report = shopApi().load().check();

        assertThat(rows(report))
                .as("%s", report.results())
                .containsExactly(
                        "shop - SECRET ok",
                        "shop - LOGIN ok",
                        "shop - SET_ROLE ok",
                        "shop catalog SCHEMA ok",
                        "shop orders SCHEMA ok",
                        "shop catalog MIGRATIONS ok",
                        "shop orders MIGRATIONS ok",
                        "ledger - SECRET ok",
                        "ledger - LOGIN ok",
                        "ledger - SET_ROLE ok",
                        "ledger billing SCHEMA ok",
                        "ledger billing MIGRATIONS ok",
                        "legacy - UNDECLARED ok",
                        "scratch - UNDECLARED ok");
        assertThat(report.ok()).isTrue();
        assertThat(detail(report, LEGACY, Check.UNDECLARED))
                .contains("shop_prod_0001 refused", "ledger_prod_0001 refused", "permission denied");
        assertThat(detail(report, SHOP, Check.SET_ROLE)).isEqualTo("SET ROLE shop_owner");
        assertThat(detail(report, SHOP, Check.MIGRATIONS)).isEqualTo("at version 1");
        assertThat(report.orThrow()).isSameAs(report);
    }

    @Test
    void aMigrationTheServicesClassPathHoldsButTheDatabaseLacksFails() {
        MigrationConfig newerJar = MigrationConfig.builder()
                .app("catalog", s -> s.locations("classpath:db/next/catalog"))
                .build();

        AccessReport report = shopApi().config(newerJar).load().check();

        assertThat(report.failures()).singleElement().satisfies(failure -> {
            assertThat(failure.db()).isEqualTo(SHOP);
            assertThat(failure.app()).isEqualTo(AppName.of("catalog"));
            assertThat(failure.check()).isEqualTo(Check.MIGRATIONS);
            assertThat(failure.detail()).contains("app 'catalog' at 1: pending 2", "MigrateAll.configure(registry)");
        });
        assertThatThrownBy(report::orThrow)
                .isInstanceOfSatisfying(RoutingException.class, e -> {
                    assertThat(e.service()).contains(ServiceName.of("shop/api"));
                    assertThat(e.app()).contains(AppName.of("catalog"));
                    assertThat(e.db()).contains(SHOP);
                })
                .hasMessageContaining("service 'shop/api', database 'shop', app 'catalog', migrations:");
    }

    @Test
    void aDatabaseOutsideTheDeclarationThatTheServicesLoginsReachFails() {
        pg.execute("postgres", "GRANT CONNECT ON DATABASE legacy TO PUBLIC");
        try {
            AccessReport report = shopApi().load().check();

            assertThat(report.failures()).singleElement().satisfies(failure -> {
                assertThat(failure.db()).isEqualTo(LEGACY);
                assertThat(failure.check()).isEqualTo(Check.UNDECLARED);
                assertThat(failure.detail())
                        .contains("service 'shop/api' does not declare 'legacy'")
                        .contains("login role shop_prod_0001 connects to it")
                        .contains("login role ledger_prod_0001 connects to it")
                        .contains("revoke CONNECT on database legacy from PUBLIC");
            });
        } finally {
            pg.execute("postgres", "REVOKE CONNECT ON DATABASE legacy FROM PUBLIC");
        }
    }

    @Test
    void theSecretOfAnUndeclaredDatabaseAtHandFails() throws IOException {
        Path copy = secrets.resolve("prod-db-legacy-creds");
        copyDirectory(secrets.resolve("ops-db-legacy-creds"), copy);
        try {
            AccessReport report = shopApi().load().check();

            assertThat(report.failures()).singleElement().satisfies(failure -> {
                assertThat(failure.db()).isEqualTo(LEGACY);
                assertThat(failure.detail()).contains("its secret is at hand", copy.toString(), "remove its mount");
            });
        } finally {
            try (Stream<Path> files = Files.walk(copy)) {
                for (Path file :
                        files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(file);
                }
            }
        }
    }

    private static void copyDirectory(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path file : files.toList()) {
                Files.copy(file, to.resolve(file.getFileName()));
            }
        }
    }

    @Test
    void aMissingSecretAndAWrongPasswordFailWithoutShowingThePassword() {
        DbCredentials shop = CredentialsSource.mountedSecrets(secrets, "prod").require(SHOP);
        String wrong = shop.password() + "-wrong";

        AccessReport report = AccessCheck.configure(Shop.REGISTRY, "shop/api")
                .credentials(CredentialsSource.of(Map.of(SHOP, shop.withPassword(wrong))))
                .load()
                .check();

        assertThat(rows(report))
                .containsExactly(
                        "shop - SECRET ok",
                        "shop - LOGIN FAILED",
                        "ledger - SECRET FAILED",
                        "legacy - UNDECLARED ok",
                        "scratch - UNDECLARED ok");
        assertThat(detail(report, SHOP, Check.LOGIN)).contains("shop_prod_0001", "28P01");
        assertThat(detail(report, LEDGER, Check.SECRET)).contains("no secret");
        assertThat(report.results())
                .allSatisfy(r -> assertThat(r.detail()).doesNotContain(wrong).doesNotContain(shop.password()));
    }

    @Test
    void anAppWhoseSchemaWasNeverCreatedFails() {
        DbRouterRegistry withReturns = DbRouterRegistry.builder()
                .adminService("ops")
                .router(PerAppDbRouter.forDb("shop")
                        .apps("catalog", "orders", "returns")
                        .build())
                .service("shop/api", "shop")
                .build();

        AccessReport report = AccessCheck.configure(withReturns, "shop/api")
                .credentials(CredentialsSource.mountedSecrets(secrets, "prod"))
                .load()
                .check();

        // The class path holds no script of 'returns', so no migration is missing; its schema is.
        assertThat(report.failures()).extracting(r -> r.app() + " " + r.check()).containsExactly("returns SCHEMA");
        assertThat(report.failures().get(0).detail())
                .contains("schema 'returns' of app 'returns' does not exist in 'shop'");
    }

    @Test
    void settingsAreCheckedAtLoad() {
        assertThatThrownBy(
                        () -> AccessCheck.configure(Shop.REGISTRY, "shop/apl").load())
                .hasMessageContaining("did you mean 'shop/api'?");
        assertThatThrownBy(() -> AccessCheck.configure(Shop.REGISTRY, "shop/api")
                        .timeout(java.time.Duration.ZERO)
                        .load())
                .hasMessageContaining("2 access check settings problems")
                .hasMessageContaining("credentials(source)")
                .hasMessageContaining("timeout(duration)");
    }

    private static String detail(AccessReport report, DbName db, Check check) {
        return report.results().stream()
                .filter(r -> r.db().equals(db) && r.check() == check)
                .map(AccessResult::detail)
                .findFirst()
                .orElseThrow();
    }
}
