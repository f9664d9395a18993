/** The {@code packagerepomaven} app: artifacts seen on Maven repositories. */
@NullMarked
package dev.approuting.examples.packagerepomaven;

import org.jspecify.annotations.NullMarked;
