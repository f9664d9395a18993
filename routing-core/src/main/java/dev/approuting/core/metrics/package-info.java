/**
 * Micrometer meters of a service's routed databases: HikariCP pool meters per logical database, query
 * timing per app, migration counters. Micrometer is an optional dependency of routing-core: add
 * {@code io.micrometer:micrometer-core} to use this package.
 */
@NullMarked
package dev.approuting.core.metrics;

import org.jspecify.annotations.NullMarked;
