/** ArchUnit fixture code: the generated tables of app orders. */
@NullMarked
package dev.approuting.archunit.archfixtures.apps.orders.tables;

import org.jspecify.annotations.NullMarked;
