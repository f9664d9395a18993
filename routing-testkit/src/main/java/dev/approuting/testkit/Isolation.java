package dev.approuting.testkit;

/**
 * How the databases of one test are kept apart from those of other tests. Set it for a class with
 * {@link RoutingTest#isolation()} and override it for one method with {@link TestIsolation}.
 */
public enum Isolation {
    /**
     * Every test gets its own fresh clone of every database of the service (the default). Clones are
     * made ahead in the background, so a test rarely waits; they are dropped after the test.
     */
    FRESH,
    /**
     * Tests borrow one set of clones and everything they do runs in one transaction per database,
     * rolled back after the test. Commits inside the test become savepoints, so
     * {@code dbs.transaction(...)} still works; a failing statement is undone alone. Cheapest mode,
     * but the test sees one connection per database: work started on other threads and raw JDBC URLs
     * ({@code @Db DbCredentials}, {@code @Db String}) are not available, and sequences are not reset.
     */
    ROLLBACK,
    /**
     * All tests of the class share one set of clones, made before the first test and dropped after the
     * last; rows written by one test stay for the next. For tests that build on each other; the class
     * must not run its methods concurrently.
     */
    PER_CLASS
}
