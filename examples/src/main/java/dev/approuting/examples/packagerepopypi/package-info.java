/** The {@code packagerepopypi} app: distributions seen on PyPI. */
@NullMarked
package dev.approuting.examples.packagerepopypi;

import org.jspecify.annotations.NullMarked;
