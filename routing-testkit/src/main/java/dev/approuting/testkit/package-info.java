/**
 * Real, migrated PostgreSQL databases for tests in milliseconds, and ArchUnit rules that keep code
 * within its routing.
 *
 * <p>Annotate a test class with {@link dev.approuting.testkit.RoutingTest} to get the databases of one
 * service, each cloned from a template migrated once per migration content; see
 * {@link dev.approuting.archunit.RoutingArchRules} for the build-time rules and
 * {@link dev.approuting.archunit.RoutingAssertions} for registry checks in CI.
 */
@NullMarked
package dev.approuting.testkit;

import org.jspecify.annotations.NullMarked;
