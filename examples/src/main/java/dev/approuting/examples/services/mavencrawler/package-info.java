/** The {@code crawler/maven} service. */
@NullMarked
package dev.approuting.examples.services.mavencrawler;

import org.jspecify.annotations.NullMarked;
