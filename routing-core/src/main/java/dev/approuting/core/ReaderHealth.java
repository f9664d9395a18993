package dev.approuting.core;

import dev.approuting.core.internal.ReadRoute;
import java.time.Duration;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The reader (replica) of one logical database as a service sees it: part of {@link DatabaseHealth}.
 *
 * <pre>{@code
 * dbs.health(DbName.of("users")).reader().ifPresent(r -> log.info("users reader: {} lag {}", r.state(), r.lag()));
 * }</pre>
 *
 * @param server {@code host:port} of the reader (no credentials)
 * @param state what reads do now
 * @param error why the reader is not usable (never a password), or {@code null}
 * @param lag how far behind the writer the reader was at its last check, or {@code null} when unknown
 * @param replayLsn how far it had replayed ({@code pg_last_wal_replay_lsn()}), or {@code null}
 * @param replicaReads reads served by the reader in this process
 * @param fallbacks reads meant for the reader that went to the writer (reader down, lagging or behind a
 *     token) in this process
 * @param pool the state of the reader's pool, {@code db-{db}-reader}
 * @param replayChecks how often reads asked the reader its replay position in this process (at most one
 *     per {@link ReaderSettings#replayCheckEvery()} per server, plus one per token newer than that)
 */
public record ReaderHealth(
        String server,
        State state,
        @Nullable String error,
        @Nullable Duration lag,
        @Nullable String replayLsn,
        long replicaReads,
        long fallbacks,
        PoolState pool,
        long replayChecks) {

    /** The same, without the count of replay checks (0). */
    public ReaderHealth(
            String server,
            State state,
            @Nullable String error,
            @Nullable Duration lag,
            @Nullable String replayLsn,
            long replicaReads,
            long fallbacks,
            PoolState pool) {
        this(server, state, error, lag, replayLsn, replicaReads, fallbacks, pool, 0);
    }

    /** What reads of a database with a reader do. */
    public enum State {
        /** Not used yet, or not checked: the first read decides. */
        UNKNOWN,
        /** Reads go to the reader when it has replayed far enough. */
        SERVING,
        /** The reader lags past {@link ReaderSettings#maxLag()}: reads without a fresh enough replay go to the writer. */
        LAGGING,
        /** The reader gave no connection: reads go to the writer until it is tried again. */
        DOWN,
        /** The reader is no standby ({@code pg_is_in_recovery()} is false): reads go to the writer. */
        NOT_A_STANDBY
    }

    /**
     * Checks the reader of {@code db} once, with a connection of its own and no pool, as a status report
     * outside a service does ({@code routing status --format json}): its state against {@code maxLag}, lag
     * and replay position; reads and fallbacks are 0 (they are counted by a service's
     * {@link RoutedDatabases#health(DbName)}).
     *
     * <pre>{@code
     * ReaderHealth.check(DbName.of("users"), credentials, Duration.ofSeconds(1), Duration.ofSeconds(2))
     *         .ifPresent(r -> System.out.println(r.state() + " lag " + r.lag()));
     * }</pre>
     *
     * @return empty when {@code db} has no reader secret ({@link CredentialsSource#findReader(DbName)})
     */
    public static Optional<ReaderHealth> check(
            DbName db, CredentialsSource credentials, Duration maxLag, Duration timeout) {
        return ReadRoute.check(db, credentials, maxLag, timeout);
    }

    /** Returns whether reads may use the reader now. */
    public boolean serving() {
        return state == State.SERVING || state == State.UNKNOWN;
    }
}
