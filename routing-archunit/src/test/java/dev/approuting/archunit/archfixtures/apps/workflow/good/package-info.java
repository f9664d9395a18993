/** ArchUnit fixture code: workflow code that uses tables of an app in its own database. */
@NullMarked
package dev.approuting.archunit.archfixtures.apps.workflow.good;

import org.jspecify.annotations.NullMarked;
