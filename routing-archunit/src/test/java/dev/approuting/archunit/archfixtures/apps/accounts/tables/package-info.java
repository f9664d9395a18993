/** ArchUnit fixture code: the generated tables of app accounts. */
@NullMarked
package dev.approuting.archunit.archfixtures.apps.accounts.tables;

import org.jspecify.annotations.NullMarked;
