package dev.approuting.examples.routing;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.approuting.archunit.CodeLayout;
import dev.approuting.archunit.RoutingArchRules;
import dev.approuting.archunit.RoutingAssertions;
import dev.approuting.core.AppName;
import dev.approuting.core.DbName;
import dev.approuting.core.DbRouterRegistry;
import dev.approuting.core.Environment;
import org.junit.jupiter.api.Test;

/** The checks a company runs in CI over its routing and its code, as the README recommends. */
class CompanyRoutingTest {
    private static final JavaClasses CODE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.approuting.examples");

    private static final CodeLayout LAYOUT = layout();

    private static CodeLayout layout() {
        CodeLayout.Builder layout = CodeLayout.builder();
        for (String app : new String[] {
            "users",
            "oauth",
            "buildsense",
            "ingestion",
            "workflow",
            "webresource",
            "crawler",
            "packagerepomaven",
            "packagerepopypi",
            "notifications"
        }) {
            layout.app(app, "dev.approuting.examples." + app + "..");
        }
        return layout.service("users/api", "dev.approuting.examples.services.usersapi..")
                .service("buildsense/api", "dev.approuting.examples.services.buildsenseapi..")
                .service("crawler/maven", "dev.approuting.examples.services.mavencrawler..")
                .service("crawler/pypi", "dev.approuting.examples.services.pypicrawler..")
                .service("toolshed", "dev.approuting.examples.services.toolshed..")
                .build();
    }

    @Test
    void everyServiceRoutesEachAppExactlyOnce() {
        DbRouterRegistry registry = RoutingAssertions.assertBuilds(CompanyRegistry::build);
        RoutingAssertions.assertValid(registry, "users/api", "buildsense/api", "crawler/maven", "crawler/pypi");
    }

    @Test
    void theWorkflowAppLivesInTheDatabaseOfEachService() {
        assertThat(CompanyRegistry.build().forService("buildsense/api").dbFor(AppName.of("workflow")))
                .isEqualTo(DbName.of("buildsense"));
        assertThat(CompanyRegistry.build().forService("crawler/maven").dbFor(AppName.of("workflow")))
                .isEqualTo(DbName.of("maven"));
        assertThat(CompanyRegistry.build().adminView(Environment.PRODUCTION).dbNames())
                .doesNotContain(DbName.of("notifications"));
    }

    @Test
    void onlyRoutingCoreOpensConnections() {
        RoutingArchRules.NO_CONNECTIONS_OUTSIDE_ROUTING_CORE.check(CODE);
    }

    @Test
    void appsUseEachOthersTablesOnlyWithinOneDatabase() {
        RoutingArchRules.appTablesUsedOnlyWithinOneDatabase(CompanyRegistry::build, LAYOUT)
                .check(CODE);
    }

    @Test
    void servicesUseOnlyAppsRoutedThere() {
        RoutingArchRules.appsUsedByAServiceAreRoutedThere(CompanyRegistry::build, LAYOUT)
                .check(CODE);
    }

    @Test
    void noServiceReadsAnotherServicesSecrets() {
        RoutingArchRules.noServiceReadsAnotherServicesSecrets(LAYOUT).check(CODE);
    }

    @Test
    void theExamplesUseNoInternalPackage() {
        RoutingArchRules.internalPackagesStayInternal("dev.approuting").check(CODE);
    }
}
