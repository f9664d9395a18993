/** ArchUnit fixture code: workflow code that uses tables of an app in another database. */
@NullMarked
package dev.approuting.archunit.archfixtures.apps.workflow.bad;

import org.jspecify.annotations.NullMarked;
