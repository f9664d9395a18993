/** The {@code webresource} app: fetched web resources, cached by URL. */
@NullMarked
package dev.approuting.examples.webresource;

import org.jspecify.annotations.NullMarked;
