package dev.approuting.core;

/**
 * The state of the HikariCP pool of one logical database in this process, HikariCP's own counters.
 *
 * <pre>{@code
 * PoolState pool = databases.poolState(DbName.of("users"));
 * log.info("users: {}", pool);   // pool db-users total=4, active=1, idle=3, waiting=0
 * }</pre>
 *
 * @param name the pool's name, {@code db-{db}} ({@code db-{db}-reader} for a reader)
 * @param open whether the pool exists yet (pools open on first use); the counters are 0 when not
 * @param total connections open
 * @param active connections in use
 * @param idle connections open and unused
 * @param waiting callers waiting for a connection
 */
public record PoolState(String name, boolean open, int total, int active, int idle, int waiting) {
    /** Returns the state of the pool of {@code db} before it is opened. */
    public static PoolState notOpened(DbName db) {
        return new PoolState("db-" + db, false, 0, 0, 0, 0);
    }

    /** Returns the state of the reader pool of {@code db}, {@code db-{db}-reader}, before it is opened. */
    public static PoolState readerNotOpened(DbName db) {
        return new PoolState("db-" + db + "-reader", false, 0, 0, 0, 0);
    }

    /** Returns {@code total=, active=, idle=, waiting=}: the counters, as log lines and pages show them. */
    public String counters() {
        return "total=" + total + ", active=" + active + ", idle=" + idle + ", waiting=" + waiting;
    }

    /** Returns {@code pool db-users total=4, active=1, idle=3, waiting=0}, or that it is not opened yet. */
    @Override
    public String toString() {
        return open ? "pool " + name + " " + counters() : "pool " + name + " not opened yet";
    }
}
