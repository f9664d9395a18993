/** ArchUnit fixture code: code that opens connections itself. */
@NullMarked
package dev.approuting.archunit.archfixtures.connections.bad;

import org.jspecify.annotations.NullMarked;
