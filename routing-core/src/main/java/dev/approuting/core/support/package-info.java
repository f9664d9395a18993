/**
 * Building blocks approuting's own modules share, public so that no module reaches into another's
 * {@code internal} package: the one connection factory ({@link dev.approuting.core.support.Connections}),
 * SQL quoting ({@link dev.approuting.core.support.Sql}), message text ({@link dev.approuting.core.support.Text}),
 * JSON output ({@link dev.approuting.core.support.Json}) and hashing ({@link dev.approuting.core.support.Hashing}).
 * Anyone may use them; services normally need only the root package.
 */
@NullMarked
package dev.approuting.core.support;

import org.jspecify.annotations.NullMarked;
