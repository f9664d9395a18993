package dev.approuting.spring.boot.internal;

import dev.approuting.core.DbName;
import javax.sql.DataSource;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.TransactionDefinition;

/**
 * The transaction manager of one logical database: Spring's JDBC one, refusing to begin beside a
 * transaction of another database of the service (see {@link SpringTransactions#checkBegin}).
 */
public final class RoutedTransactionManager extends JdbcTransactionManager {
    private static final long serialVersionUID = 1L;

    private final DbName db;
    private final transient SpringTransactions transactions;

    public RoutedTransactionManager(DbName db, DataSource dataSource, SpringTransactions transactions) {
        super(dataSource);
        this.db = db;
        this.transactions = transactions;
        transactions.register(db, dataSource);
    }

    /** Returns the logical database. */
    public DbName db() {
        return db;
    }

    @Override
    protected void doBegin(Object transaction, TransactionDefinition definition) {
        transactions.checkBegin(db, obtainDataSource(), definition);
        super.doBegin(transaction, definition);
    }
}
