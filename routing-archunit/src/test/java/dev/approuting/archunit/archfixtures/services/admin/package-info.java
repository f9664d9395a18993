/** ArchUnit fixture code: the admin service. */
@NullMarked
package dev.approuting.archunit.archfixtures.services.admin;

import org.jspecify.annotations.NullMarked;
