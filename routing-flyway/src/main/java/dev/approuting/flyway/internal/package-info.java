/** Implementation of routing-flyway. Not an API: it may change in any release. */
@NullMarked
package dev.approuting.flyway.internal;

import org.jspecify.annotations.NullMarked;
