package dev.approuting.core;

import org.jspecify.annotations.Nullable;

/**
 * The state of one logical database as a service sees it, from {@link RoutedDatabases#health()}.
 *
 * @param db the logical database
 * @param server {@code host:port} of its server (no credentials), or {@code null} when its secret is unusable
 * @param reachable whether a connection could be made and answered {@code SELECT 1}
 * @param error why it is not reachable (never a password), or {@code null}
 * @param pool the state of its pool in this process
 */
public record DatabaseHealth(
        DbName db,
        @Nullable String server,
        boolean reachable,
        @Nullable String error,
        PoolState pool) {}
