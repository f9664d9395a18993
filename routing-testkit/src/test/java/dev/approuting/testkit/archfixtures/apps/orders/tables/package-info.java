/** ArchUnit fixture code: the generated tables of app orders. */
@NullMarked
package dev.approuting.testkit.archfixtures.apps.orders.tables;

import org.jspecify.annotations.NullMarked;
