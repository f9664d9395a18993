package dev.approuting.core;

import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The state of one logical database as a service sees it, from {@link RoutedDatabases#health()}.
 *
 * @param db the logical database
 * @param server {@code host:port} of its server (no credentials), or {@code null} when its secret is unusable
 * @param reachable whether a connection could be made and answered {@code SELECT 1}
 * @param error why it is not reachable (never a password), or {@code null}
 * @param pool the state of its pool in this process
 * @param replica the state of its reader (replica), or {@code null} when it has none
 */
public record DatabaseHealth(
        DbName db,
        @Nullable String server,
        boolean reachable,
        @Nullable String error,
        PoolState pool,
        @Nullable ReaderHealth replica) {

    /** The state of a database without a reader. */
    public DatabaseHealth(
            DbName db, @Nullable String server, boolean reachable, @Nullable String error, PoolState pool) {
        this(db, server, reachable, error, pool, null);
    }

    /** Returns the state of its reader, when it has one. */
    public Optional<ReaderHealth> reader() {
        return Optional.ofNullable(replica);
    }
}
