/** ArchUnit fixture code: the admin service. */
@NullMarked
package dev.approuting.testkit.archfixtures.services.admin;

import org.jspecify.annotations.NullMarked;
