package dev.approuting.flyway.internal.provision;

import dev.approuting.core.DbName;
import dev.approuting.core.ErrorCode;
import dev.approuting.core.RoutingException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * The server-wide lock of one logical database's provisioning: a session-level advisory lock that
 * {@code init-db} holds for its whole run and {@code dev-setup} while it creates the database, so two runs
 * at once never race on a role, a grant or a secret. The second run waits, then re-reads the roles.
 *
 * <p>The lock lives on the admin connection's session: it is released by {@link #release} or, if the
 * process dies, when the server ends the session.
 */
public final class ProvisioningLock {
    /** How long a run waits for another run of the same database before giving up. */
    public static final Duration WAIT = Duration.ofMinutes(10);

    private static final String KEYS = "hashtext('approuting provisioning'), hashtext(?)";

    private ProvisioningLock() {}

    /**
     * Takes the lock of {@code db} on {@code connection} (in auto-commit mode), waiting at most {@link #WAIT}.
     *
     * @throws RoutingException with {@link ErrorCode#PROVISIONING_FAILED} when another run holds it longer
     */
    public static void acquire(Connection connection, DbName db) throws SQLException {
        connection.setAutoCommit(false);
        try {
            try (Statement statement = connection.createStatement()) {
                statement.execute("SET LOCAL lock_timeout = '" + WAIT.toMillis() + "ms'");
            }
            try (PreparedStatement ps = connection.prepareStatement("SELECT pg_advisory_lock(" + KEYS + ")")) {
                ps.setString(1, db.value());
                ps.execute();
            }
            connection.commit();
        } catch (SQLException e) {
            connection.rollback();
            if ("55P03".equals(e.getSQLState())) {
                throw RoutingException.forDatabase(
                        ErrorCode.PROVISIONING_FAILED,
                        db,
                        "another init-db or dev-setup of database '" + db + "' has held its provisioning lock for"
                                + " over " + WAIT.toMinutes() + " minutes; nothing was changed: let it finish (or"
                                + " end its session on the server) and run again",
                        e);
            }
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
    }

    /** Releases the lock of {@code db} taken by {@link #acquire} on {@code connection}. */
    public static void release(Connection connection, DbName db) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT pg_advisory_unlock(" + KEYS + ")")) {
            ps.setString(1, db.value());
            ps.execute();
        }
    }
}
