/**
 * Migration safety lint: checks Flyway SQL migrations for changes that break the code already
 * deployed or that lock and rewrite busy tables, see {@link dev.approuting.lint.MigrationLinter}.
 */
@NullMarked
package dev.approuting.lint;

import org.jspecify.annotations.NullMarked;
