/** ArchUnit fixture code: code that opens connections itself. */
@NullMarked
package dev.approuting.testkit.archfixtures.connections.bad;

import org.jspecify.annotations.NullMarked;
