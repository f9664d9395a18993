package dev.approuting.spring.boot;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.beans.factory.annotation.Qualifier;

/**
 * Injects the jOOQ context of one app: bound to the database the service routes the app to, unqualified
 * tables in the app's schema, guarded against tables of apps routed elsewhere, and joining Spring
 * transactions of that database.
 *
 * <pre>{@code
 * @Service
 * class Queue {
 *     Queue(@App("workflow") DSLContext workflow) { ... }
 * }
 * }</pre>
 *
 * <p>An app the service does not route fails the start-up, naming the service, the app and its databases.
 */
@Documented
@Qualifier
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.PARAMETER, ElementType.FIELD, ElementType.METHOD, ElementType.ANNOTATION_TYPE})
public @interface App {
    /** The app, as the registry's routers list it. */
    String value();
}
