/**
 * Per-app database routing: names, routers, the registry that validates them, credentials, and the
 * pools and jOOQ contexts a service uses to reach each app's logical database.
 *
 * <p>Start at {@link dev.approuting.core.DbRouterRegistry}.
 */
@NullMarked
package dev.approuting.core;

import org.jspecify.annotations.NullMarked;
