/**
 * Extension points of routing-flyway, found through {@link java.util.ServiceLoader}: see
 * {@link dev.approuting.flyway.spi.TraceServerProvider}.
 */
@NullMarked
package dev.approuting.flyway.spi;

import org.jspecify.annotations.NullMarked;
