package dev.approuting.testkit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names the app a {@link org.jooq.DSLContext} parameter of a {@link RoutingTest} is bound to: the
 * context reaches the app's database, resolves unqualified tables in the app's schema and guards
 * against tables of apps routed elsewhere, exactly as {@code RoutedDatabases.dsl(app)} in the service.
 *
 * <pre>{@code
 * @Test
 * void storesUnits(@App("workflow") DSLContext workflow) { ... }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface App {
    /** The app name, as the registry's routers list it. */
    String value();
}
