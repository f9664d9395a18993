package dev.approuting.core.spi;

import dev.approuting.core.AppName;
import dev.approuting.core.DbName;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.jooq.TransactionProvider;
import org.jspecify.annotations.Nullable;

/**
 * How the jOOQ contexts of {@link dev.approuting.core.RoutedDatabases} join transactions that a
 * framework manages (Spring's {@code @Transactional}, for one): they borrow connections through it
 * instead of straight from the pool, and jOOQ's own {@code transaction(…)} calls go through its
 * transaction provider. Set it with {@code RoutedDatabases.configure(routing).transactionBinding(…)}.
 *
 * <pre>{@code
 * RoutedDatabases dbs = RoutedDatabases.configure(routing)
 *         .credentials(source)
 *         .transactionBinding(new SpringTransactions(…))
 *         .open();
 * }</pre>
 *
 * <p>Implementations are called from every thread that queries, and must be thread-safe.
 */
public interface TransactionBinding {
    /**
     * Returns a connection of {@code dataSource} (the one {@code RoutedDatabases.dataSource(db)} hands
     * out) for a query of {@code app}: the caller's transaction's connection when it has one there.
     *
     * @throws dev.approuting.core.RoutingException when the caller's transaction belongs to another
     *     database and may not reach this one
     */
    Connection borrow(AppName app, DbName db, DataSource dataSource) throws SQLException;

    /** Gives back a connection {@link #borrow} returned; it stays open while its transaction runs. */
    void giveBack(Connection connection, DataSource dataSource) throws SQLException;

    /**
     * Returns the provider that jOOQ's {@code transaction(…)} calls on contexts of {@code db} use, or
     * {@code null} for jOOQ's own (a transaction on the borrowed connection).
     */
    @Nullable
    TransactionProvider transactionProvider(DbName db, DataSource dataSource);
}
