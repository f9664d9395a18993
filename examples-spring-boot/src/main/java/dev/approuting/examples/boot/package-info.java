/**
 * The example company's {@code buildsense/api} service as a Spring Boot application on the approuting
 * starter: a web endpoint that writes through apps of two databases, jOOQ per app, health and metrics.
 */
@NullMarked
package dev.approuting.examples.boot;

import org.jspecify.annotations.NullMarked;
