/** The {@code workflow} app: a work queue any service can use, kept in the database its routing gives it. */
@NullMarked
package dev.approuting.examples.workflow;

import org.jspecify.annotations.NullMarked;
