/**
 * The {@code routing} command line ({@link dev.approuting.cli.RoutingCommandLine}): migrate-all, status,
 * validate, new-migration, dev-setup, init-db, lint and admin over a registry, as {@code routing.jar} or
 * embedded in an admin service's own {@code main}.
 */
@NullMarked
package dev.approuting.cli;

import org.jspecify.annotations.NullMarked;
