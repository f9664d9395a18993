package dev.approuting.examples.routing;

import dev.approuting.core.DbRouterRegistry;
import dev.approuting.core.ServiceName;

/** Who uses which database: every router and every service's databases, reviewable in one file. */
public final class CompanyRegistry {
    /** Sign-up, sign-in and tokens. */
    public static final ServiceName USERS_API = ServiceName.of("users/api");
    /** Receives builds and their files. */
    public static final ServiceName BUILDSENSE_API = ServiceName.of("buildsense/api");
    /** Crawls Maven repositories. */
    public static final ServiceName MAVEN_CRAWLER = ServiceName.of("crawler/maven");
    /** Crawls PyPI. */
    public static final ServiceName PYPI_CRAWLER = ServiceName.of("crawler/pypi");
    /** The admin service: sees every database, runs migrate-all. */
    public static final ServiceName TOOLSHED = ServiceName.of("toolshed");

    /**
     * Builds the registry of the company, every problem checked at once. A method, not a static field: a
     * registry that fails to build then fails the test that builds it ({@code CompanyRoutingTest}) and the
     * command line with its message, where a field fails its class initialiser (an
     * {@link ExceptionInInitializerError} in whatever touched the class first).
     */
    public static DbRouterRegistry build() {
        return DbRouterRegistry.builder()
                .adminService(TOOLSHED.value())
                .router(new UsersRouter())
                .router(new BuildsenseRouter())
                .router(new MavenRouter())
                .router(new PypiRouter())
                .router(new NotificationsRouter())
                .service(USERS_API.value(), "users")
                .service(BUILDSENSE_API.value(), "buildsense", "users")
                .service(MAVEN_CRAWLER.value(), "maven", "users")
                .service(PYPI_CRAWLER.value(), "pypi", "users")
                .build();
    }

    private CompanyRegistry() {}
}
