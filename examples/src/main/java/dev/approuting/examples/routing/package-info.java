/**
 * The company's routing, in one place: a router per logical database and the registry that lists
 * them with the databases each service declares.
 */
@NullMarked
package dev.approuting.examples.routing;

import org.jspecify.annotations.NullMarked;
