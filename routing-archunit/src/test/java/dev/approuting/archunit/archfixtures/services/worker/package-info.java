/** ArchUnit fixture code: the shop/worker service. */
@NullMarked
package dev.approuting.archunit.archfixtures.services.worker;

import org.jspecify.annotations.NullMarked;
