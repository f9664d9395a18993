/** ArchUnit fixture code: the shop/worker service. */
@NullMarked
package dev.approuting.testkit.archfixtures.services.worker;

import org.jspecify.annotations.NullMarked;
