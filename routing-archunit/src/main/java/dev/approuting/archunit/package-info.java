/**
 * Checks of the routing for a service's own CI, without a database: ArchUnit rules derived from the
 * registry ({@link dev.approuting.archunit.RoutingArchRules}, with {@link dev.approuting.archunit.CodeLayout})
 * and assertions that a registry routes every service ({@link dev.approuting.archunit.RoutingAssertions}).
 */
@NullMarked
package dev.approuting.archunit;

import org.jspecify.annotations.NullMarked;
