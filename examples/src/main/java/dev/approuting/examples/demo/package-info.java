/** The demo: the example company end to end on an embedded (or given) PostgreSQL server. */
@NullMarked
package dev.approuting.examples.demo;

import org.jspecify.annotations.NullMarked;
