package dev.approuting.compat;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a test class as (part of) one named compatibility check: the check passes on a version when
 * every test of every class carrying its name passed there. Test and lifecycle methods may take the
 * JVM's {@link CompatibilityRun} as a parameter.
 *
 * <pre>{@code
 * @Check("migrate-all")
 * class MigrateAllIT {
 *     @Test
 *     void migrates(CompatibilityRun run) { ... }
 * }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@ExtendWith(CompatibilityExtension.class)
public @interface Check {
    /** The check's name in the results, such as {@code migrate-all}. */
    String value();
}
