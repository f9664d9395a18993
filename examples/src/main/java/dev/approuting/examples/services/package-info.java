/**
 * The company's services: each declares its databases in the registry and works through
 * {@code dsl(app)} and {@code transaction(app, …)}, never through a connection of its own.
 */
@NullMarked
package dev.approuting.examples.services;

import org.jspecify.annotations.NullMarked;
