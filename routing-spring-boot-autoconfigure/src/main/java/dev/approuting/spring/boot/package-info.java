/**
 * Spring Boot 4.0 auto-configuration of approuting: from the registry bean and {@code approuting.*}
 * properties, every routed database of the service as a qualified {@link javax.sql.DataSource} and
 * transaction manager, a jOOQ {@link org.jooq.DSLContext} per app ({@link App}), transactions per app
 * ({@link AppTransactional}), health per database, Micrometer meters and the {@code approuting} actuator
 * endpoint.
 */
@NullMarked
package dev.approuting.spring.boot;

import org.jspecify.annotations.NullMarked;
