/**
 * The compatibility harness: runs the essential paths of approuting on one PostgreSQL major per JVM and
 * records, per version, which checks passed and what the server did differently.
 *
 * <p>Annotate a test class with {@link dev.approuting.compat.Check} to run it as (part of) a named
 * check; it receives the JVM's {@link dev.approuting.compat.CompatibilityRun} as a parameter.
 */
@NullMarked
package dev.approuting.compat;

import org.jspecify.annotations.NullMarked;
