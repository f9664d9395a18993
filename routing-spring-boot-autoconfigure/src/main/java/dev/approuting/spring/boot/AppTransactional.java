package dev.approuting.spring.boot;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Propagation;

/**
 * Runs a method in a transaction of the database the service routes {@code value} (an app) to, like
 * {@code @Transactional} with that database's transaction manager.
 *
 * <pre>{@code
 * @AppTransactional("workflow")
 * public long enqueue(String kind) { return workflow.insertInto(WORK_UNIT)...; }
 * }</pre>
 *
 * <p>Like {@code @Transactional} on a proxied bean, it applies to public methods called from outside the bean.
 *
 * <p>A transaction covers one database. Inside it, using another database of the service (its
 * {@code @App} context, its {@code @Db} data source, or an {@code @AppTransactional} method of one of its
 * apps that would join) fails with a {@link dev.approuting.core.RoutingException} ({@code
 * CROSS_DATABASE_TRANSACTION}) naming both databases, instead of silently committing the two apart. Work
 * that is meant to commit on its own says so with {@code propagation = Propagation.REQUIRES_NEW}. An app
 * the service does not route fails the start-up.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface AppTransactional {
    /** The app whose database the transaction is on. */
    String value();

    /** As {@code @Transactional(propagation)}. */
    Propagation propagation() default Propagation.REQUIRED;

    /** As {@code @Transactional(isolation)}. */
    Isolation isolation() default Isolation.DEFAULT;

    /** As {@code @Transactional(timeout)}, in seconds; -1 for none. */
    int timeout() default -1;

    /** As {@code @Transactional(readOnly)}. */
    boolean readOnly() default false;

    /** As {@code @Transactional(rollbackFor)}: checked exceptions that roll back too. */
    Class<? extends Throwable>[] rollbackFor() default {};

    /** As {@code @Transactional(noRollbackFor)}. */
    Class<? extends Throwable>[] noRollbackFor() default {};
}
