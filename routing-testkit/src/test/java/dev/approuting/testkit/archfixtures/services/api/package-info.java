/** ArchUnit fixture code: the shop/api service. */
@NullMarked
package dev.approuting.testkit.archfixtures.services.api;

import org.jspecify.annotations.NullMarked;
