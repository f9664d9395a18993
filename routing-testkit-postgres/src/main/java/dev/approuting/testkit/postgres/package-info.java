/**
 * The PostgreSQL half of the testkit: servers for tests ({@link dev.approuting.testkit.postgres.PostgresProvider}:
 * embedded, Testcontainers or external) and a JUnit extension that gives a test class one
 * ({@link dev.approuting.testkit.postgres.PostgresExtension}). It knows nothing of routing, so approuting's own
 * modules use it in their tests; services use {@code routing-testkit}'s {@code @RoutingTest}, which builds on it.
 */
@NullMarked
package dev.approuting.testkit.postgres;

import org.jspecify.annotations.NullMarked;
