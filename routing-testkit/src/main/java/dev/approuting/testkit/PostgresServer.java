package dev.approuting.testkit;

import dev.approuting.core.DbCredentials;

/**
 * A running PostgreSQL server the testkit creates template and test databases on. Obtained from
 * {@link PostgresProvider#start()}; closing it stops what the provider started (an external server
 * is left running).
 */
public interface PostgresServer extends AutoCloseable {
    /**
     * Returns a login that may create and drop databases, pointing at {@code database}. Never log it
     * as JSON: the password is in it ({@code toString()} masks it).
     */
    DbCredentials credentials(String database);

    /** Returns the database to connect to for administration (usually {@code postgres}). */
    String adminDatabase();

    /**
     * Returns whether the server's data outlives this JVM (an external server, or the embedded one
     * with a data directory): then test databases are dropped at the end, and templates are reused by
     * the next run.
     */
    boolean keepsData();

    /** Describes the server for messages, such as {@code embedded PostgreSQL 17.11 on localhost:40123}. */
    String describe();

    /** Stops the server if the provider started it. */
    @Override
    void close();
}
