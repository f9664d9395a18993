/** ArchUnit fixture code: the generated tables of app accounts. */
@NullMarked
package dev.approuting.testkit.archfixtures.apps.accounts.tables;

import org.jspecify.annotations.NullMarked;
