/**
 * Extension points of routing-lint, found through {@link java.util.ServiceLoader}: see
 * {@link dev.approuting.lint.spi.TraceServerProvider}.
 */
@NullMarked
package dev.approuting.lint.spi;

import org.jspecify.annotations.NullMarked;
