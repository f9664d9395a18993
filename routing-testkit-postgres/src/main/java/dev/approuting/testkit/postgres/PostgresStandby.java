package dev.approuting.testkit.postgres;

import java.time.Duration;

/**
 * A real streaming standby (hot standby) of a test server: a copy of the primary's data directory taken
 * with {@code pg_backup_start}/{@code pg_backup_stop}, started with {@code standby.signal} and
 * {@code primary_conninfo} over a replication slot of its own. It answers read-only queries on every
 * database of the primary and replays what the primary writes, usually within milliseconds. Tests make
 * staleness deterministic by pausing replay:
 *
 * <pre>{@code
 * try (PostgresStandby standby = pg.startStandby()) {
 *     standby.pauseReplay();
 *     pg.execute("shop", "INSERT INTO item VALUES (1)");   // not on the standby yet
 *     standby.resumeReplay();
 *     standby.awaitReplay(Duration.ofSeconds(10));          // now it is
 * }
 * }</pre>
 *
 * <p>{@link #stop()} and {@link #start()} take the standby down and bring it back on the same port with
 * its data, as a replica that fails and returns; {@link #close()} stops it for good, deletes its copy and
 * drops its replication slot on the primary. Errors are {@link IllegalStateException}s naming the server.
 */
public interface PostgresStandby extends PostgresServer {
    /** Returns the server this standby replicates. */
    PostgresServer primary();

    /**
     * Pauses WAL replay ({@code pg_wal_replay_pause()}): from now on the standby keeps receiving WAL but
     * applies none of it, so what the primary commits stays invisible here until {@link #resumeReplay()}.
     *
     * @throws IllegalStateException when the standby is stopped or refuses
     */
    void pauseReplay();

    /**
     * Resumes WAL replay ({@code pg_wal_replay_resume()}).
     *
     * @throws IllegalStateException when the standby is stopped or refuses
     */
    void resumeReplay();

    /**
     * Returns whether replay is paused (asked for, or in effect).
     *
     * @throws IllegalStateException when the standby is stopped
     */
    boolean replayPaused();

    /**
     * Returns how far the standby has replayed ({@code pg_last_wal_replay_lsn()}), such as {@code 0/3000148}.
     *
     * @throws IllegalStateException when the standby is stopped
     */
    String replayLsn();

    /**
     * Waits until the standby has replayed everything the primary had written when this call began
     * ({@code pg_current_wal_insert_lsn()} on the primary).
     *
     * @throws IllegalStateException when it has not within {@code timeout} (saying both positions and
     *     whether replay is paused), or a server cannot be reached
     */
    void awaitReplay(Duration timeout);

    /** Stops the standby; its data and port are kept for {@link #start()}. */
    void stop();

    /**
     * Starts the standby again after {@link #stop()} (nothing when it runs); it catches up by itself.
     *
     * @throws IllegalStateException when it does not start
     */
    void start();

    /** Returns whether the standby is running. */
    boolean running();

    /** Stops the standby, deletes its data directory and drops its replication slot on the primary. */
    @Override
    void close();
}
