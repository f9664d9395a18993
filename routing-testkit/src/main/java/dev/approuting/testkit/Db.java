package dev.approuting.testkit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names the logical database a parameter of a {@link RoutingTest} refers to. Supported parameter
 * types: {@link javax.sql.DataSource} (the service's pool of that database),
 * {@link dev.approuting.core.DbCredentials} (how to reach this test's copy) and {@link String} (its
 * JDBC URL, without user or password). A database the service does not declare is rejected with an
 * error naming it.
 *
 * <pre>{@code
 * @Test
 * void exportsUsers(@Db("users") DbCredentials users) { ... }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface Db {
    /** The logical database name. */
    String value();
}
