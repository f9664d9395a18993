/** The auto-configuration's implementation; not API. */
@NullMarked
package dev.approuting.spring.boot.internal;

import org.jspecify.annotations.NullMarked;
