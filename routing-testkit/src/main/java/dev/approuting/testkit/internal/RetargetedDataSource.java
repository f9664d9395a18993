package dev.approuting.testkit.internal;

import dev.approuting.core.DbCredentials;
import dev.approuting.core.DbName;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;

/**
 * Connections to the clone that the test holding a {@link PoolSlot} works on now, for a pool that
 * outlives the test: HikariCP cannot change where a pool connects, so the pool stays and this source
 * moves from clone to clone.
 *
 * <p>A test never reaches another test's clone: every connection carries the generation of the
 * target it was opened for, and once the target moves (the test ended, or the next one began) it
 * refuses every call but closing ({@code 08003}) and reports itself invalid, so HikariCP discards it.
 * The slot also evicts the pool's connections when it moves; the generation check covers a
 * connection that was still being opened then.
 */
final class RetargetedDataSource extends PlainDataSource {
    /** Calls a connection of an earlier target still answers: they end it or describe it. */
    private static final Set<String> ALWAYS =
            Set.of("close", "isClosed", "abort", "unwrap", "isWrapperFor", "toString");

    /** The clone a test holds now: its login, the connection opened ahead, and a generation number. */
    private record Target(
            long generation, String database, DbCredentials credentials, AtomicReference<@Nullable Connection> ahead) {}

    private final DbName db;
    private final String applicationName;
    private volatile @Nullable Target target;
    private volatile long generation;

    RetargetedDataSource(DbName db, String applicationName) {
        this.db = db;
        this.applicationName = applicationName;
    }

    /** Points new connections at {@code clone}, starting with {@code ahead} (opened when the clone was made). */
    synchronized void target(String clone, DbCredentials credentials, @Nullable Connection ahead) {
        long next = generation + 1;
        generation = next;
        target = new Target(next, clone, credentials, new AtomicReference<>(ahead));
    }

    /** Ends the current target: its connections refuse work from now on; the unused one opened ahead is closed. */
    synchronized void park() {
        Target t = target;
        generation = generation + 1;
        target = null;
        if (t != null) {
            Template.closeQuietly(t.ahead().getAndSet(null));
        }
    }

    @Override
    public Connection getConnection() throws SQLException {
        Target t = target;
        if (t == null) {
            throw new SQLException(
                    db + ": no test holds these databases now; a connection was asked for between tests"
                            + " (work left running after a test ended?)",
                    "08003");
        }
        Connection physical = t.ahead().getAndSet(null);
        if (physical == null || physical.isClosed()) {
            physical = connect(t.credentials(), applicationName, Map.of());
        }
        if (t.generation() != generation) {
            Template.closeQuietly(physical);
            throw new SQLException(db + ": the test that asked for this connection has ended", "08003");
        }
        return (Connection) Proxy.newProxyInstance(
                RetargetedDataSource.class.getClassLoader(),
                new Class<?>[] {Connection.class},
                new Guarded(physical, t.generation(), t.database()));
    }

    /** A connection that works only while its target is the current one. */
    private final class Guarded implements InvocationHandler {
        private final Connection physical;
        private final long generation;
        private final String clone;

        Guarded(Connection physical, long generation, String clone) {
            this.physical = physical;
            this.generation = generation;
            this.clone = clone;
        }

        @Override
        public @Nullable Object invoke(Object proxy, Method method, @Nullable Object[] args) throws Throwable {
            String name = method.getName();
            if (name.equals("equals")) {
                return args != null && proxy == args[0];
            } else if (name.equals("hashCode")) {
                return System.identityHashCode(proxy);
            } else if (name.equals("toString")) {
                return "connection to " + clone + " (" + physical + ")";
            }
            boolean current = generation == RetargetedDataSource.this.generation;
            if (!current && name.equals("isValid")) {
                return false;
            }
            if (!current && !ALWAYS.contains(name)) {
                throw new SQLException(
                        db + ": this connection belongs to the databases of a test that has ended (" + clone
                                + "); take a new one from the pool",
                        "08003");
            }
            if (name.equals("unwrap") || name.equals("isWrapperFor")) {
                Class<?> type = (Class<?>) requireArg(args);
                if (type.isInstance(proxy)) {
                    if (name.equals("unwrap")) {
                        return proxy;
                    }
                    return true;
                }
            }
            try {
                return method.invoke(physical, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }

        private Object requireArg(@Nullable Object[] args) {
            if (args == null || args.length == 0 || args[0] == null) {
                throw new IllegalArgumentException("a type is expected");
            }
            return args[0];
        }
    }
}
