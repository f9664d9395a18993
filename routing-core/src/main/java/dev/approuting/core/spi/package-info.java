/** Extension points of routing-core, implemented by users and found through {@link java.util.ServiceLoader}. */
@NullMarked
package dev.approuting.core.spi;

import org.jspecify.annotations.NullMarked;
