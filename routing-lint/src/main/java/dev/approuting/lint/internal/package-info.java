/** The migration lint engine: tokenizer, statement parser and rules. Not an API. */
@NullMarked
package dev.approuting.lint.internal;

import org.jspecify.annotations.NullMarked;
