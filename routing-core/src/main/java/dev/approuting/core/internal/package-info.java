/** Implementation of routing-core. Not an API: it may change in any release. */
@NullMarked
package dev.approuting.core.internal;

import org.jspecify.annotations.NullMarked;
