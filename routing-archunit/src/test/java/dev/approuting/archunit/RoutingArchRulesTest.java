package dev.approuting.archunit;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import dev.approuting.core.DbRouterRegistry;
import dev.approuting.core.PerAppDbRouter;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Each rule passes on the good fixture code and fails, saying the fix, on the bad. */
class RoutingArchRulesTest {
    private static final String FIXTURES = "dev.approuting.archunit.archfixtures";

    /** workflow lives in 'shop' for the shop services and in 'crawl' for the crawler. */
    private static final DbRouterRegistry REGISTRY = DbRouterRegistry.builder()
            .adminService("admin")
            .router(PerAppDbRouter.forDb("users").apps("accounts").build())
            .router(PerAppDbRouter.forDb("shop")
                    .apps("orders")
                    .appsWhen(s -> !s.value().equals("crawler"), "workflow")
                    .build())
            .router(PerAppDbRouter.forDb("crawl")
                    .appsWhen(s -> s.value().equals("crawler") || s.value().equals("admin"), "workflow")
                    .build())
            .service("shop/api", "users", "shop")
            .service("shop/worker", "shop")
            .service("crawler", "crawl")
            .build();

    private static final CodeLayout LAYOUT = CodeLayout.builder()
            .app("orders", FIXTURES + ".apps.orders..")
            .app("accounts", FIXTURES + ".apps.accounts..")
            .app("workflow", FIXTURES + ".apps.workflow..")
            .service("shop/api", FIXTURES + ".services.api..")
            .service("shop/worker", FIXTURES + ".services.worker..")
            .service("admin", FIXTURES + ".services.admin..")
            .build();

    /** Imports the fixture packages from the test output directory alone: scanning every jar is slow. */
    private static JavaClasses classes(String... packages) {
        Path root;
        try {
            root = Path.of(RoutingArchRulesTest.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        return new ClassFileImporter()
                .importPaths(Arrays.stream(packages)
                        .map(p -> root.resolve(p.replace('.', '/')))
                        .toList());
    }

    @Test
    void onlyRoutingCoreOpensConnections() {
        assertThatCode(() -> RoutingArchRules.NO_CONNECTIONS_OUTSIDE_ROUTING_CORE.check(
                        classes(FIXTURES + ".connections.good")))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> RoutingArchRules.NO_CONNECTIONS_OUTSIDE_ROUTING_CORE.check(
                        classes(FIXTURES + ".connections.bad")))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("DriverManager.getConnection")
                .hasMessageContaining("PGSimpleDataSource.<init>")
                .hasMessageContaining("DSL.using(java.sql.Connection")
                .hasMessageContaining("DSL.using(java.lang.String")
                .hasMessageContaining("(4 times)")
                .hasMessageContaining("take connections from RoutedDatabases");
    }

    @Test
    void anAppUsesTablesOfAnotherOnlyInASharedDatabase() {
        var rule = RoutingArchRules.appTablesUsedOnlyWithinOneDatabase(REGISTRY, LAYOUT);
        assertThatCode(() -> rule.check(classes(FIXTURES + ".apps.workflow.good", FIXTURES + ".apps.orders")))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> rule.check(classes(FIXTURES + ".apps.workflow.bad")))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("app 'workflow' uses a table of app 'accounts'")
                .hasMessageContaining("service 'shop/api' routes 'workflow' to 'shop' and 'accounts' to 'users'")
                .hasMessageContaining("Call the 'accounts' app's API instead of its tables");
    }

    @Test
    void everyAppAServiceUsesIsRoutedThere() {
        var rule = RoutingArchRules.appsUsedByAServiceAreRoutedThere(REGISTRY, LAYOUT);
        assertThatCode(() -> rule.check(classes(FIXTURES + ".services.api"))).doesNotThrowAnyException();
        assertThatThrownBy(() -> rule.check(classes(FIXTURES + ".services.worker")))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("service 'shop/worker' uses app 'accounts' but does not route it")
                .hasMessageContaining("Declare for 'shop/worker' the database that routes 'accounts' (users)");
    }

    @Test
    void noServiceReadsAnotherServicesSecrets() {
        var rule = RoutingArchRules.noServiceReadsAnotherServicesSecrets(LAYOUT);
        assertThatCode(() -> rule.check(classes(FIXTURES + ".services.api", FIXTURES + ".services.admin")))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> rule.check(classes(FIXTURES + ".services.worker", FIXTURES + ".services.admin")))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining(
                        "service 'shop/worker' reaches AdminSecrets, which reads the secrets of service 'admin'");
    }

    /** A registry in a static field whose router lists an app twice: its class initialiser fails. */
    static final class Broken {
        static final DbRouterRegistry REGISTRY = DbRouterRegistry.builder()
                .router(PerAppDbRouter.forDb("shop").apps("orders", "orders").build())
                .build();
    }

    @Test
    void aRuleOverARegistryThatFailsToBuildIsCreatedAndFailsWhenCheckedWithTheRegistrysMessage() {
        com.tngtech.archunit.lang.ArchRule rule =
                RoutingArchRules.appsUsedByAServiceAreRoutedThere(() -> Broken.REGISTRY, LAYOUT);

        assertThatThrownBy(() -> rule.check(classes(FIXTURES + ".services.api")))
                .isInstanceOf(org.opentest4j.AssertionFailedError.class)
                .hasMessageStartingWith(
                        "the registry failed to build in the static initialiser of " + Broken.class.getName())
                .hasMessageContaining("lists an app twice for database 'shop'");
    }
}
