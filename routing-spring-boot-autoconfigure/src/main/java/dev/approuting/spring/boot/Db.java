package dev.approuting.spring.boot;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.beans.factory.annotation.Qualifier;

/**
 * Injects what belongs to one logical database of the service: its pooled {@link javax.sql.DataSource}
 * or its {@link org.springframework.transaction.PlatformTransactionManager}.
 *
 * <pre>{@code
 * JdbcClient users(@Db("users") DataSource users) { return JdbcClient.create(users); }
 * }</pre>
 *
 * <p>These beans are not default candidates: a plain {@code DataSource} injection point never receives one,
 * so Spring Boot's own single-DataSource auto-configuration and your beans keep working as before.
 */
@Documented
@Qualifier
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.PARAMETER, ElementType.FIELD, ElementType.METHOD, ElementType.ANNOTATION_TYPE})
public @interface Db {
    /** The logical database, as the registry names it. */
    String value();
}
