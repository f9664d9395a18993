package dev.approuting.core;

/** Where a registry is used: dev-only databases exist in development and are left out in production. */
public enum Environment {
    /** Local machines, development clusters and tests: every database, dev-only ones included. */
    DEVELOPMENT,
    /** Staging and production: dev-only databases are left out. */
    PRODUCTION
}
