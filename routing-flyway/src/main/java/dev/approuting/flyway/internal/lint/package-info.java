/** The migration lint engine: tokenizer, statement parser and rules. Not an API. */
@NullMarked
package dev.approuting.flyway.internal.lint;

import org.jspecify.annotations.NullMarked;
