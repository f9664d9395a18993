/** ArchUnit fixture code: code that takes connections from RoutedDatabases. */
@NullMarked
package dev.approuting.archunit.archfixtures.connections.good;

import org.jspecify.annotations.NullMarked;
