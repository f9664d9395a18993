/** ArchUnit fixture code: the shop/api service. */
@NullMarked
package dev.approuting.archunit.archfixtures.services.api;

import org.jspecify.annotations.NullMarked;
