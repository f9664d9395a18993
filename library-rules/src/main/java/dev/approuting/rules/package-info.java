/**
 * The rules every approuting library module keeps, checked by a test in each module
 * ({@link dev.approuting.rules.LibraryRules}). Not published: a test dependency of the library modules.
 */
@NullMarked
package dev.approuting.rules;

import org.jspecify.annotations.NullMarked;
