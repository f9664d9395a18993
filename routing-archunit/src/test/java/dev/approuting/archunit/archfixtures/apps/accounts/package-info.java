/** ArchUnit fixture code: the API of app accounts. */
@NullMarked
package dev.approuting.archunit.archfixtures.apps.accounts;

import org.jspecify.annotations.NullMarked;
