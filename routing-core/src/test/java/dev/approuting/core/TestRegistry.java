package dev.approuting.core;

import java.util.List;

/** The seed company's routing, shared by the tests of this module. */
final class TestRegistry {
    private TestRegistry() {}

    static final class UsersRouter implements PerAppDbRouter {
        @Override
        public DbName db() {
            return DbName.of("users");
        }

        @Override
        public List<AppName> appsFor(ServiceName service) {
            if (service.startsWith("users/") || service.value().equals("toolshed")) {
                return AppName.listOf("users", "oauth", "customers");
            }
            return AppName.listOf("users");
        }
    }

    static final class BuildsenseRouter implements PerAppDbRouter {
        @Override
        public DbName db() {
            return DbName.of("buildsense");
        }

        @Override
        public List<AppName> appsFor(ServiceName service) {
            return AppName.listOf("workflow", "buildsense", "ingestion");
        }
    }

    static PerAppDbRouter maven() {
        return PerAppDbRouter.forDb("maven")
                .apps("webresource", "workflow", "crawler", "packagerepomaven")
                .build();
    }

    static PerAppDbRouter pypi() {
        return PerAppDbRouter.forDb("pypi")
                .apps("webresource", "packagerepopypi")
                .appsWhen(s -> s.startsWith("crawler/pypi") || s.value().equals("toolshed"), "workflow", "crawler")
                .build();
    }

    static PerAppDbRouter notifications() {
        return PerAppDbRouter.forDb("notifications")
                .apps("notifications")
                .devOnly()
                .build();
    }

    static DbRouterRegistry registry() {
        return DbRouterRegistry.builder()
                .adminService("toolshed")
                .router(new UsersRouter())
                .router(new BuildsenseRouter())
                .router(maven())
                .router(pypi())
                .router(notifications())
                .service("users/api", "users")
                .service("buildsense/api", "buildsense", "users")
                .service("crawler/maven", "maven", "users")
                .service("crawler/pypi", "pypi", "users")
                .build();
    }
}
