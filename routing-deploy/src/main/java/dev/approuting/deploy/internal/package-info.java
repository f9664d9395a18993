/** Implementation of deployment rendering and checks: the YAML reader and writer, the file model. Not an API. */
@NullMarked
package dev.approuting.deploy.internal;

import org.jspecify.annotations.NullMarked;
