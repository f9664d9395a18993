/** The {@code buildsense} app: CI builds. */
@NullMarked
package dev.approuting.examples.buildsense;

import org.jspecify.annotations.NullMarked;
