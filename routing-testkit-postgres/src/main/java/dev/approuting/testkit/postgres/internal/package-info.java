/** The providers behind {@link dev.approuting.testkit.postgres.PostgresProvider}. Not an API. */
@NullMarked
package dev.approuting.testkit.postgres.internal;

import org.jspecify.annotations.NullMarked;
