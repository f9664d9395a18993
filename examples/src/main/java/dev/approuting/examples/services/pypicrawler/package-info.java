/** The {@code crawler/pypi} service. */
@NullMarked
package dev.approuting.examples.services.pypicrawler;

import org.jspecify.annotations.NullMarked;
