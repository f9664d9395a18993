/**
 * Extension points of routing-core: the registry a tool finds through {@link java.util.ServiceLoader}, and how
 * the jOOQ contexts join a framework's transactions.
 */
@NullMarked
package dev.approuting.core.spi;

import org.jspecify.annotations.NullMarked;
