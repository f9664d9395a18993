/**
 * Real, migrated PostgreSQL databases for tests in milliseconds.
 *
 * <p>Annotate a test class with {@link dev.approuting.testkit.RoutingTest} to get the databases of one
 * service, each cloned from a template migrated once per migration content:
 *
 * <pre>{@code
 * @RoutingTest(service = "buildsense/api", registry = CompanyRegistryProvider.class)
 * class WorkflowTest {
 *     @Test
 *     void stores(RoutedDatabases dbs) { ... }
 * }
 * }</pre>
 *
 * <p>The build-time rules ({@code RoutingArchRules}) and registry checks for CI ({@code RoutingAssertions})
 * are in the {@code routing-archunit} artifact, package {@code dev.approuting.archunit}.
 */
@NullMarked
package dev.approuting.testkit;

import org.jspecify.annotations.NullMarked;
