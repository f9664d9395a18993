/** Implementation of the testkit: servers, templates, clones, the extension's state. Not an API. */
@NullMarked
package dev.approuting.testkit.internal;

import org.jspecify.annotations.NullMarked;
