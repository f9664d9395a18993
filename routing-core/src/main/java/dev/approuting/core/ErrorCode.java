package dev.approuting.core;

/**
 * What went wrong, for code that reacts to a {@link RoutingException} without parsing its message.
 */
public enum ErrorCode {
    /** A database, app or service name breaks the naming rule. */
    INVALID_NAME,
    /** The routers, the registry or a service's declared databases contradict each other. */
    INVALID_ROUTING,
    /** An app is not routed to any database of the service. */
    APP_NOT_ROUTED,
    /** A database is not known to the registry or not declared by the service. */
    UNKNOWN_DATABASE,
    /** A query touched tables of an app that this service routes to another database. */
    CROSS_DATABASE_ACCESS,
    /** A transaction of one database reached another database of the service, which it cannot cover. */
    CROSS_DATABASE_TRANSACTION,
    /** A secret is missing, unreadable or malformed. */
    INVALID_CREDENTIALS,
    /** A database could not be reached or gave no connection in time. */
    DATABASE_UNAVAILABLE,
    /** A migration could not be read, validated or applied. */
    MIGRATION_FAILED,
    /** Provisioning (roles, grants, databases) failed. */
    PROVISIONING_FAILED,
    /** A configuration value is invalid. */
    INVALID_CONFIGURATION,
    /** A statement that may write was sent through a read-only context ({@code reading(app)}). */
    READ_ONLY,
    /** A consistency token (such as one read back from a cookie) is malformed. */
    INVALID_TOKEN
}
