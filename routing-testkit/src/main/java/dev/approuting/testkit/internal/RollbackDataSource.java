package dev.approuting.testkit.internal;

import dev.approuting.core.DbCredentials;
import dev.approuting.core.DbName;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.postgresql.PGConnection;

/**
 * Hands out views of one physical connection that stays in a transaction until {@link #rollback()}.
 * Each view behaves like a connection of its own to the code above (HikariCP, jOOQ): its
 * {@code setAutoCommit(false)} opens a savepoint, {@code commit()} releases it, {@code rollback()} and
 * {@code close()} roll back to it. The physical connection uses pgjdbc's {@code autosave=always}, so a
 * failing statement is undone alone and does not abort the test's transaction.
 *
 * <p>Connection state that a test changes with SQL ({@code SET search_path}) is undone by the
 * rollback, so {@code unwrap(PGConnection.class)} returns a new identity after each rollback: caches
 * keyed by the physical connection then see a new connection.
 */
final class RollbackDataSource extends PlainDataSource {
    private final DbName db;
    private @Nullable DbCredentials target;
    private @Nullable Connection physical;
    private volatile @Nullable Object identity;
    /** Whether anything may have run on the physical connection since the last rollback. */
    private volatile boolean touched;

    /** Calls that neither run SQL nor change the session: they leave nothing to roll back. */
    private static final Set<String> HARMLESS = Set.of(
            "isValid",
            "getAutoCommit",
            "isReadOnly",
            "getTransactionIsolation",
            "getNetworkTimeout",
            "setNetworkTimeout",
            "getWarnings",
            "clearWarnings",
            "getCatalog",
            "getSchema",
            "getHoldability",
            "getClientInfo",
            "isWrapperFor");

    RollbackDataSource(DbName db) {
        this.db = db;
    }

    void target(DbCredentials credentials) {
        this.target = credentials;
    }

    /** Returns whether the physical connection is open, that is, whether a pool has asked for one. */
    synchronized boolean opened() {
        return physical != null;
    }

    @Override
    public synchronized Connection getConnection() throws SQLException {
        Connection p = physical;
        if (p == null || p.isClosed()) {
            p = openPhysical();
            physical = p;
            identity = newIdentity(p);
        }
        return (Connection) Proxy.newProxyInstance(
                RollbackDataSource.class.getClassLoader(), new Class<?>[] {Connection.class}, new View(p));
    }

    private Connection openPhysical() throws SQLException {
        DbCredentials credentials = target;
        if (credentials == null) {
            throw new SQLException(db + ": rollback session has no database yet");
        }
        Connection c = connect(credentials, "approuting-test-rollback", Map.of("autosave", "always"));
        c.setAutoCommit(false);
        return c;
    }

    /**
     * Ends the physical transaction, undoing everything since the last call; a connection nothing ran
     * on since then is left as it is (a round trip saved per untouched database and test).
     */
    synchronized void rollback() {
        Connection p = physical;
        if (p == null || !touched) {
            return;
        }
        touched = false;
        try {
            p.rollback();
            identity = newIdentity(p);
        } catch (SQLException e) {
            close();
        }
    }

    synchronized void close() {
        Connection p = physical;
        physical = null;
        if (p != null) {
            try {
                p.close();
            } catch (SQLException ignored) {
                // The session ends; a broken connection has nothing left to undo.
            }
        }
    }

    /** Returns a new stand-in for the physical connection's {@link PGConnection}, with an identity of its own. */
    private static Object newIdentity(Connection physical) throws SQLException {
        PGConnection pg = physical.unwrap(PGConnection.class);
        return Proxy.newProxyInstance(
                RollbackDataSource.class.getClassLoader(),
                new Class<?>[] {PGConnection.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "equals" -> args != null && proxy == args[0];
                    case "hashCode" -> System.identityHashCode(proxy);
                    default -> invoke(method, pg, args);
                });
    }

    private static @Nullable Object invoke(Method method, Object target, @Nullable Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /** One view: its own autocommit flag and its own savepoint for an open transaction. */
    private final class View implements InvocationHandler {
        private final Connection physical;
        private boolean closed;
        private boolean autoCommit = true;
        private @Nullable Savepoint transaction;

        View(Connection physical) {
            this.physical = physical;
        }

        @Override
        public @Nullable Object invoke(Object proxy, Method method, @Nullable Object[] args) throws Throwable {
            String name = method.getName();
            int arity = args == null ? 0 : args.length;
            if (name.equals("equals")) {
                return args != null && proxy == args[0];
            } else if (name.equals("hashCode")) {
                return System.identityHashCode(proxy);
            } else if (name.equals("toString")) {
                return "rollback view of " + physical;
            } else if (name.equals("isClosed")) {
                return closed || physical.isClosed();
            } else if (name.equals("close") || name.equals("abort")) {
                if (!closed) {
                    endTransaction(false);
                    closed = true;
                }
                return null;
            }
            if (closed) {
                throw new SQLException("connection is closed", "08003");
            }
            if (!HARMLESS.contains(name)) {
                touched = true;
            }
            if (name.equals("getAutoCommit")) {
                return autoCommit;
            } else if (name.equals("setAutoCommit")) {
                boolean on = (Boolean) requireArgs(args)[0];
                if (on && !autoCommit) {
                    endTransaction(true);
                } else if (!on && autoCommit) {
                    transaction = physical.setSavepoint();
                    autoCommit = false;
                }
                return null;
            } else if (name.equals("commit")) {
                if (autoCommit) {
                    throw new SQLException("Cannot commit when autoCommit is enabled.", "25P01");
                }
                physical.releaseSavepoint(requireTransaction());
                transaction = physical.setSavepoint();
                return null;
            } else if (name.equals("rollback") && arity == 0) {
                if (autoCommit) {
                    throw new SQLException("Cannot rollback when autoCommit is enabled.", "25P01");
                }
                physical.rollback(requireTransaction());
                return null;
            } else if (name.equals("setTransactionIsolation") || name.equals("setReadOnly")) {
                // Fixed for the physical transaction; changing them mid-transaction is not allowed.
                return null;
            } else if (name.equals("unwrap")) {
                Class<?> type = (Class<?>) requireArgs(args)[0];
                Object key = identity;
                if (key != null && type.isInstance(key)) {
                    return key;
                }
                if (type.isInstance(proxy)) {
                    return proxy;
                }
            }
            return RollbackDataSource.invoke(method, physical, args);
        }

        private Object[] requireArgs(@Nullable Object[] args) {
            if (args == null) {
                throw new IllegalArgumentException("argument expected");
            }
            return args;
        }

        private Savepoint requireTransaction() throws SQLException {
            Savepoint s = transaction;
            if (s == null) {
                throw new SQLException("no transaction is open on this connection", "25P01");
            }
            return s;
        }

        private void endTransaction(boolean commit) throws SQLException {
            Savepoint s = transaction;
            transaction = null;
            autoCommit = true;
            if (s != null && !physical.isClosed()) {
                if (!commit) {
                    physical.rollback(s);
                }
                physical.releaseSavepoint(s);
            }
        }
    }
}
