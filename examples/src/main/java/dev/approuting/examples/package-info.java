/** A small company on approuting: its routers, registry, services and the demo that runs them. */
@NullMarked
package dev.approuting.examples;

import org.jspecify.annotations.NullMarked;
