package dev.approuting.flyway.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * approuting's own lock on one logical database, beside Flyway's: a migration run holds it shared for as
 * long as it works on the database (so two migrate-alls still run at once, as Flyway's lock lets them), and
 * repair and baseline take it exclusively without waiting, so they refuse to rewrite a history that a
 * running migrate-all is writing. A PostgreSQL session advisory lock, held by a connection of its own and
 * released when that connection closes (also when the process dies).
 */
public final class MigrationLock implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(MigrationLock.class);

    /** The advisory lock key: the bytes of "approutg", the same in every database (locks are per database). */
    static final long KEY = 0x617070726f757467L;

    private final Connection connection;

    private MigrationLock(Connection connection) {
        this.connection = connection;
    }

    /** Takes the lock shared, waiting while a repair or baseline holds it. */
    public static MigrationLock shared(DataSource dataSource) throws SQLException {
        Connection connection = dataSource.getConnection();
        try (PreparedStatement lock = connection.prepareStatement("SELECT pg_advisory_lock_shared(?)")) {
            lock.setLong(1, KEY);
            lock.execute();
            return new MigrationLock(connection);
        } catch (SQLException | RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    /** Takes the lock exclusively if no migration run holds it; empty when one does. */
    public static Optional<MigrationLock> tryExclusive(DataSource dataSource) throws SQLException {
        Connection connection = dataSource.getConnection();
        try (PreparedStatement lock = connection.prepareStatement("SELECT pg_try_advisory_lock(?)");
                ResultSet row = execute(lock)) {
            if (row.next() && row.getBoolean(1)) {
                return Optional.of(new MigrationLock(connection));
            }
            connection.close();
            return Optional.empty();
        } catch (SQLException | RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    private static ResultSet execute(PreparedStatement lock) throws SQLException {
        lock.setLong(1, KEY);
        return lock.executeQuery();
    }

    /** Releases the lock by closing its connection. */
    @Override
    public void close() throws SQLException {
        connection.close();
    }

    /**
     * Releases the lock; a failure to close is logged, not thrown (the server releases the lock of a broken
     * connection itself).
     */
    public void release(Object db) {
        try {
            close();
        } catch (SQLException e) {
            log.debug("{}: closing the migration lock's connection failed: {}", db, e.getMessage());
        }
    }
}
