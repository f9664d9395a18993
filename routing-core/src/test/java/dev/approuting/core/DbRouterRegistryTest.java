package dev.approuting.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class DbRouterRegistryTest {
    private final DbRouterRegistry registry = TestRegistry.registry();

    private static AppName app(String name) {
        return AppName.of(name);
    }

    private static DbName db(String name) {
        return DbName.of(name);
    }

    @Test
    void routesTheWorkflowAppToTheDatabaseOfEachService() {
        assertThat(registry.forService("buildsense/api").dbFor(app("workflow"))).isEqualTo(db("buildsense"));
        assertThat(registry.forService("crawler/maven").dbFor(app("workflow"))).isEqualTo(db("maven"));
        assertThat(registry.forService("crawler/pypi").dbFor(app("workflow"))).isEqualTo(db("pypi"));
    }

    @Test
    void usersRouterGivesMoreAppsToTheUsersService() {
        assertThat(registry.forService("users/api").appsIn(db("users")))
                .containsExactly(app("users"), app("oauth"), app("customers"));
        assertThat(registry.forService("buildsense/api").appsIn(db("users"))).containsExactly(app("users"));
    }

    @Test
    void unroutedAppNamesTheAppTheServiceAndItsDatabases() {
        ServiceRouting routing = registry.forService("buildsense/api");
        assertThatThrownBy(() -> routing.dbFor(app("oauth")))
                .isInstanceOf(RoutingException.class)
                .hasMessage("app 'oauth' is not routed in service 'buildsense/api', whose databases are"
                        + " 'buildsense', 'users': declare the database that routes it for this service, or use"
                        + " the app through a service that has it")
                .satisfies(e -> {
                    RoutingException r = (RoutingException) e;
                    assertThat(r.code()).isEqualTo(ErrorCode.APP_NOT_ROUTED);
                    assertThat(r.app()).contains(app("oauth"));
                    assertThat(r.service()).contains(ServiceName.of("buildsense/api"));
                });
    }

    @Test
    void unknownAppGetsADidYouMean() {
        assertThatThrownBy(() -> registry.forService("buildsense/api").dbFor(app("workflw")))
                .hasMessageContaining("no router of the registry routes it (did you mean 'workflow'?)");
    }

    @Test
    void rejectsAnAppRoutedByTwoDatabasesOfOneService() {
        assertThatThrownBy(() -> registry.forService("toolshed", "buildsense", "maven"))
                .isInstanceOf(RoutingException.class)
                .hasMessageContaining("app 'workflow' is routed by both 'buildsense' and 'maven' in service"
                        + " 'toolshed': give the service only one of them, or move the app")
                .satisfies(e -> assertThat(((RoutingException) e).code()).isEqualTo(ErrorCode.INVALID_ROUTING));
    }

    @Test
    void rejectsAnUnknownDatabaseWithASuggestion() {
        assertThatThrownBy(() -> registry.forService("buildsense/api", "buildsens"))
                .isInstanceOf(RoutingException.class)
                .hasMessageStartingWith("service 'buildsense/api' declares database 'buildsens', which no router"
                        + " fills (did you mean 'buildsense'?)")
                .satisfies(e -> assertThat(((RoutingException) e).code()).isEqualTo(ErrorCode.UNKNOWN_DATABASE));
    }

    @Test
    void rejectsTwoRoutersForOneDatabaseNamingBoth() {
        assertThatThrownBy(() -> DbRouterRegistry.of(
                        new TestRegistry.BuildsenseRouter(),
                        PerAppDbRouter.forDb("buildsense").apps("x").build()))
                .isInstanceOf(RoutingException.class)
                .hasMessage("database 'buildsense' has two routers, BuildsenseRouter and PerAppDbRouter[buildsense]:"
                        + " keep one router per database and merge their apps");
    }

    @Test
    void reportsEveryProblemAtOnce() {
        assertThatThrownBy(() -> DbRouterRegistry.builder()
                        .router(new TestRegistry.BuildsenseRouter())
                        .router(TestRegistry.maven())
                        .service("one", "buildsense", "maven")
                        .service("two", "nope")
                        .build())
                .hasMessageStartingWith("2 routing problems:")
                .hasMessageContaining("app 'workflow' is routed by both")
                .hasMessageContaining("declares database 'nope'");
    }

    @Test
    void rejectsAnAppTheAdminServiceCannotSee() {
        assertThatThrownBy(() -> DbRouterRegistry.builder()
                        .adminService("toolshed")
                        .router(PerAppDbRouter.forDb("pypi")
                                .apps("packagerepopypi")
                                .appsWhen(s -> s.startsWith("crawler/pypi"), "crawler")
                                .build())
                        .service("crawler/pypi", "pypi")
                        .build())
                .hasMessageContaining("app 'crawler' is routed to 'pypi' in service 'crawler/pypi' but the admin"
                        + " service 'toolshed' does not see it there, so migrate-all would never create its tables");
    }

    @Test
    void adminViewLeavesDevOnlyDatabasesOutOfProduction() {
        assertThat(registry.adminView(Environment.PRODUCTION).dbNames())
                .containsExactly(db("users"), db("buildsense"), db("maven"), db("pypi"));
        AdminView dev = registry.adminView(Environment.DEVELOPMENT);
        assertThat(dev.dbNames()).endsWith(db("notifications"));
        assertThat(dev.require(db("notifications")).devOnly()).isTrue();
        assertThat(dev.require(db("pypi")).apps())
                .containsExactly(app("webresource"), app("packagerepopypi"), app("workflow"), app("crawler"));
        assertThat(dev.require(db("users")).apps()).containsExactly(app("users"), app("oauth"), app("customers"));
    }

    @Test
    void adminViewRequireNamesTheMissingDatabase() {
        assertThatThrownBy(() -> registry.adminView(Environment.PRODUCTION).require(db("notifications")))
                .hasMessageStartingWith("database 'notifications' is not in the production admin view of 'toolshed'");
    }

    @Test
    void findsTheSmallestSetOfDatabases() {
        ServiceName service = ServiceName.of("crawler/pypi");
        assertThat(registry.databasesNeeded(service, app("workflow"), app("packagerepopypi")))
                .containsExactly(db("pypi"));
        assertThat(registry.databasesNeeded(service, app("packagerepopypi"), app("users")))
                .containsExactlyInAnyOrder(db("pypi"), db("users"));
    }

    @Test
    void databasesNeededFailsWhenNoValidSetExists() {
        ServiceName service = ServiceName.of("toolshed");
        assertThatThrownBy(() -> registry.databasesNeeded(service, app("packagerepomaven"), app("ingestion")))
                .isInstanceOf(RoutingException.class)
                .hasMessageContaining("each choice routes some app twice");
        assertThatThrownBy(() -> registry.databasesNeeded(service, app("nothing")))
                .hasMessageContaining("no router routes app 'nothing' for service 'toolshed'");
    }

    @Test
    void refusesARouterListingAnAppTwice() {
        assertThatThrownBy(() -> DbRouterRegistry.builder()
                        .router(PerAppDbRouter.forDb("orders")
                                .apps("sales", "sales")
                                .build())
                        .build())
                .isInstanceOf(RoutingException.class)
                .hasMessageContaining("lists an app twice for database 'orders': [sales, sales]; list each app once");
        assertThatThrownBy(() -> DbRouterRegistry.builder()
                        .adminService("admin")
                        .router(PerAppDbRouter.forDb("orders")
                                .apps("sales")
                                .appsWhen(s -> s.value().equals("orders/api"), "sales")
                                .build())
                        .service("orders/api", "orders")
                        .build())
                .isInstanceOf(RoutingException.class)
                .hasMessageContaining(
                        "lists an app twice for database 'orders' in service 'orders/api': [sales, sales]");
    }

    @Test
    void rendersTheRoutingTable() {
        String table = registry.routingTable();
        int appColumn = table.lines().findFirst().orElseThrow().indexOf("APP");
        assertThat(table.lines())
                .as("columns are aligned")
                .allSatisfy(line ->
                        assertThat(line.substring(appColumn - 2, appColumn + 1)).matches("  [a-z]|  A"));
        assertThat(table.replaceAll(" +", " "))
                .startsWith("SERVICE APP DATABASE\n")
                .contains("buildsense/api workflow buildsense\n")
                .contains("crawler/maven workflow maven\n")
                .contains("toolshed (admin) notifications notifications (dev-only)\n");
    }

    @Test
    void forServiceOfAnUndeclaredServiceSaysHowToDeclareIt() {
        assertThatThrownBy(() -> registry.forService("buildsense/apo"))
                .hasMessageContaining("service 'buildsense/apo' declares no databases in the registry (did you mean"
                        + " 'buildsense/api'?)");
    }

    @Test
    void servicesAndRoutesAreImmutable() {
        ServiceRouting routing = registry.forService("buildsense/api");
        assertThatThrownBy(() -> routing.routes().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThat(routing.databases()).isEqualTo(List.of(db("buildsense"), db("users")));
    }
}
