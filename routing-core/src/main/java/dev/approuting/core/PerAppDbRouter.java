package dev.approuting.core;

import dev.approuting.core.internal.RouterBuilder;
import java.util.List;
import java.util.function.Predicate;

/**
 * Says which apps live in one logical database, possibly depending on the service asking.
 *
 * <p>Write one small class per database and list it in the {@link DbRouterRegistry}:
 *
 * <pre>{@code
 * public final class BuildsenseRouter implements PerAppDbRouter {
 *     public DbName db() { return DbName.of("buildsense"); }
 *     public List<AppName> appsFor(ServiceName service) {
 *         return AppName.listOf("workflow", "buildsense", "ingestion");
 *     }
 * }
 * }</pre>
 *
 * or build one with {@link #forDb(String)}. Implementations must be stateless: the registry asks once
 * per service and keeps the answer.
 */
public interface PerAppDbRouter {
    /** Returns the logical database this router fills. */
    DbName db();

    /**
     * Returns the apps routed to {@link #db()} in {@code service}, in migration order (an app's
     * dependencies first). May be empty when the service uses none of them.
     */
    List<AppName> appsFor(ServiceName service);

    /** Returns whether the database exists only in development (left out of the production admin view). */
    default boolean devOnly() {
        return false;
    }

    /**
     * Starts a router for {@code db}, for registries built in code without a class per database:
     *
     * <pre>{@code
     * PerAppDbRouter pypi = PerAppDbRouter.forDb("pypi")
     *         .apps("webresource", "packagerepopypi")
     *         .appsWhen(s -> s.startsWith("crawler/pypi") || s.value().equals("toolshed"), "workflow", "crawler")
     *         .build();
     * }</pre>
     *
     * @throws RoutingException with {@link ErrorCode#INVALID_NAME} when {@code db} breaks the naming rule
     */
    static Builder forDb(String db) {
        return new RouterBuilder(DbName.of(db));
    }

    /** Builds a {@link PerAppDbRouter}; mutable, not thread-safe. */
    interface Builder {
        /** Routes these apps in every service, after the apps added before. */
        Builder apps(String... apps);

        /** Routes these apps only in services matching {@code services}, after the apps added before. */
        Builder appsWhen(Predicate<ServiceName> services, String... apps);

        /** Marks the database as development-only. */
        Builder devOnly();

        /** Returns the immutable router. */
        PerAppDbRouter build();
    }
}
