/**
 * Flyway migrations per (logical database, app): migrate-all across every database, status,
 * validation, development setup, provisioning, migration safety lint and the {@code routing}
 * command line.
 */
@NullMarked
package dev.approuting.flyway;

import org.jspecify.annotations.NullMarked;
