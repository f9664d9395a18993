package dev.approuting.core;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * How {@link RoutedDatabases#reading(AppName)} uses the reader (replica) of a logical database. Start from
 * {@link #defaults()} and change what you need with the {@code with…} methods.
 *
 * <pre>{@code
 * RoutedDatabases.configure(routing).credentials(source)
 *         .readers(ReaderSettings.defaults().withMaxLag(Duration.ofMillis(500)).withMaxWait(Duration.ofMillis(50)))
 *         .open();
 * }</pre>
 *
 * @param maxLag how stale a read without a token may be on the replica; a replica lagging more serves
 *     such reads from the writer ({@link Duration#ZERO}: reads without a token always go to the writer)
 * @param maxWait how long a read with a token waits for the replica to replay up to it before it goes
 *     to the writer ({@link Duration#ZERO}: never waits)
 * @param replayCheckEvery how long a replica's replay position is reused before it is asked again: per
 *     replica server, one read asks it ({@code pg_last_wal_replay_lsn()}) while the others keep using the
 *     cached position, which is never ahead of the real one. A read with a token newer than the cache asks
 *     once more (concurrent reads share that check); reads without a token count the cache's age as lag.
 *     The check also finds a replica connection that died, so a longer reuse hands such connections out
 *     longer ({@link Duration#ZERO}: every read asks, unless another read is asking at that moment)
 * @param retryDownAfter how long a replica that gave no connection is left alone before it is tried again
 * @param connectionTimeout how long a read waits for a replica connection before it goes to the writer
 */
public record ReaderSettings(
        Duration maxLag,
        Duration maxWait,
        Duration replayCheckEvery,
        Duration retryDownAfter,
        Duration connectionTimeout) {

    /**
     * Validates the values.
     *
     * @throws RoutingException with {@link ErrorCode#INVALID_CONFIGURATION} naming each bad value
     */
    public ReaderSettings {
        List<String> problems = new ArrayList<>();
        if (maxLag.isNegative()) {
            problems.add("maxLag must not be negative, was " + maxLag);
        }
        if (maxWait.isNegative() || maxWait.compareTo(Duration.ofSeconds(30)) > 0) {
            problems.add("maxWait must be between 0 and 30 s, was " + maxWait);
        }
        if (replayCheckEvery.isNegative() || replayCheckEvery.compareTo(Duration.ofSeconds(1)) > 0) {
            problems.add("replayCheckEvery must be between 0 and 1 s, was " + replayCheckEvery);
        }
        if (retryDownAfter.toMillis() < 100) {
            problems.add("retryDownAfter must be at least 100 ms, was " + retryDownAfter.toMillis() + " ms");
        }
        if (connectionTimeout.toMillis() < 250) {
            problems.add("connectionTimeout must be at least 250 ms, was " + connectionTimeout.toMillis() + " ms");
        }
        if (!problems.isEmpty()) {
            throw RoutingException.of(
                    ErrorCode.INVALID_CONFIGURATION, "invalid reader settings: " + String.join("; ", problems));
        }
    }

    /**
     * Returns the defaults: reads without a token at most 1 s stale, no waiting for a replica, replay
     * position reused for 5 ms, a failed replica retried after 5 s, 1 s to get a replica connection.
     */
    public static ReaderSettings defaults() {
        return new ReaderSettings(
                Duration.ofSeconds(1),
                Duration.ZERO,
                Duration.ofMillis(5),
                Duration.ofSeconds(5),
                Duration.ofSeconds(1));
    }

    /** Returns a copy with another {@link #maxLag()}. */
    public ReaderSettings withMaxLag(Duration value) {
        return new ReaderSettings(value, maxWait, replayCheckEvery, retryDownAfter, connectionTimeout);
    }

    /** Returns a copy with another {@link #maxWait()}. */
    public ReaderSettings withMaxWait(Duration value) {
        return new ReaderSettings(maxLag, value, replayCheckEvery, retryDownAfter, connectionTimeout);
    }

    /** Returns a copy with another {@link #replayCheckEvery()}. */
    public ReaderSettings withReplayCheckEvery(Duration value) {
        return new ReaderSettings(maxLag, maxWait, value, retryDownAfter, connectionTimeout);
    }

    /** Returns a copy with another {@link #retryDownAfter()}. */
    public ReaderSettings withRetryDownAfter(Duration value) {
        return new ReaderSettings(maxLag, maxWait, replayCheckEvery, value, connectionTimeout);
    }

    /** Returns a copy with another {@link #connectionTimeout()}. */
    public ReaderSettings withConnectionTimeout(Duration value) {
        return new ReaderSettings(maxLag, maxWait, replayCheckEvery, retryDownAfter, value);
    }
}
