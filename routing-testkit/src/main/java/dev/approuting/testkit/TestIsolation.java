package dev.approuting.testkit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Overrides the {@link Isolation} of one test method of a {@link RoutingTest} class.
 *
 * <pre>{@code
 * @Test
 * @TestIsolation(Isolation.ROLLBACK)
 * void readsOnly(@App("workflow") DSLContext dsl) { ... }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface TestIsolation {
    /** The isolation of this test. */
    Isolation value();
}
