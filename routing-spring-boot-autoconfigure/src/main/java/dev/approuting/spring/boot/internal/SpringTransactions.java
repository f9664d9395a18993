package dev.approuting.spring.boot.internal;

import dev.approuting.core.AppName;
import dev.approuting.core.DbName;
import dev.approuting.core.ErrorCode;
import dev.approuting.core.RoutingException;
import dev.approuting.core.ServiceName;
import dev.approuting.core.spi.TransactionBinding;
import java.sql.Connection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.jooq.TransactionProvider;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.boot.jooq.autoconfigure.SpringTransactionProvider;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Makes the app contexts join Spring transactions (connections through {@link DataSourceUtils}, jOOQ's
 * {@code transaction(…)} through Spring Boot's {@link SpringTransactionProvider}), and keeps a transaction
 * on one database: using another database of the service inside it fails with the routing message.
 */
public final class SpringTransactions implements TransactionBinding {
    private final ServiceName service;
    private final BeanFactory beans;
    /** The service's data sources, as handed out, by identity: the keys Spring binds transactions to. */
    private final Map<DataSource, DbName> known = new ConcurrentHashMap<>();

    public SpringTransactions(ServiceName service, BeanFactory beans) {
        this.service = service;
        this.beans = beans;
    }

    /** Records that {@code dataSource} is the one the service hands out for {@code db}. */
    public void register(DbName db, DataSource dataSource) {
        known.put(dataSource, db);
    }

    @Override
    public Connection borrow(AppName app, DbName db, DataSource dataSource) {
        register(db, dataSource);
        if (TransactionSynchronizationManager.isActualTransactionActive()
                && !TransactionSynchronizationManager.hasResource(dataSource)) {
            DbName other = otherInTransaction(dataSource);
            if (other != null) {
                throw RoutingException.forApp(
                        ErrorCode.CROSS_DATABASE_TRANSACTION,
                        service,
                        app,
                        db,
                        "app '" + app + "' (database '" + db + "') was used inside a transaction of database '"
                                + other + "' in service '" + service + "': a transaction covers one database,"
                                + " and this work would commit apart from it. Do the '" + app
                                + "' work before or after that transaction, or in its own one:"
                                + " @AppTransactional(value = \"" + app
                                + "\", propagation = Propagation.REQUIRES_NEW)");
            }
        }
        return DataSourceUtils.getConnection(dataSource);
    }

    @Override
    public void giveBack(Connection connection, DataSource dataSource) {
        DataSourceUtils.releaseConnection(connection, dataSource);
    }

    @Override
    public TransactionProvider transactionProvider(DbName db, DataSource dataSource) {
        return new SpringTransactionProvider(
                beans.getBean(RoutedBeans.transactionManagerName(db), PlatformTransactionManager.class));
    }

    /**
     * Refuses to begin a transaction on {@code db} that would silently run beside one already open on
     * another database of the service, unless it is declared independent (REQUIRES_NEW).
     */
    void checkBegin(DbName db, DataSource dataSource, TransactionDefinition definition) {
        register(db, dataSource);
        if (definition.getPropagationBehavior() == TransactionDefinition.PROPAGATION_REQUIRES_NEW) {
            return;
        }
        DbName other = otherInTransaction(dataSource);
        if (other != null) {
            String name = definition.getName() == null ? "a transaction" : definition.getName();
            throw RoutingException.forService(
                    ErrorCode.CROSS_DATABASE_TRANSACTION,
                    service,
                    db,
                    name + " on database '" + db + "' was started inside a transaction of database '" + other
                            + "' in service '" + service + "': a transaction covers one database, and these"
                            + " two would commit apart. Call it after the outer transaction, or declare it"
                            + " independent with propagation = Propagation.REQUIRES_NEW");
        }
    }

    private @Nullable DbName otherInTransaction(DataSource dataSource) {
        for (Map.Entry<DataSource, DbName> entry : known.entrySet()) {
            if (entry.getKey() != dataSource && TransactionSynchronizationManager.hasResource(entry.getKey())) {
                return entry.getValue();
            }
        }
        return null;
    }
}
