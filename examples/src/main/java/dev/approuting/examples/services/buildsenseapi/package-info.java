/** The {@code buildsense/api} service. */
@NullMarked
package dev.approuting.examples.services.buildsenseapi;

import org.jspecify.annotations.NullMarked;
