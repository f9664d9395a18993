package dev.approuting.core.internal;

import dev.approuting.core.AppName;
import dev.approuting.core.DbName;
import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;
import org.jooq.ExecuteType;
import org.jooq.TransactionContext;
import org.jooq.TransactionListener;

/**
 * Listens to a writer context ({@code dsl(app)}) for {@link ReadRouting}: which statements may write, and
 * which write transactions are open on the thread (reads inside them stay on the writer, in them).
 */
public final class WriteTracker implements ExecuteListener, TransactionListener {
    private static final long serialVersionUID = 1L;

    private final AppName app;
    private final DbName db;
    private final transient ReadRouting reads;

    public WriteTracker(AppName app, DbName db, ReadRouting reads) {
        this.app = app;
        this.db = db;
        this.reads = reads;
    }

    @Override
    public void executeEnd(ExecuteContext ctx) {
        if (ctx.type() != ExecuteType.READ) {
            reads.wrote(db);
        }
    }

    @Override
    public void beginEnd(TransactionContext ctx) {
        reads.transactionBegan(db, app, ctx.configuration().connectionProvider());
    }

    @Override
    public void commitEnd(TransactionContext ctx) {
        reads.transactionEnded(db);
    }

    @Override
    public void rollbackStart(TransactionContext ctx) {
        reads.rollingBack(db);
    }

    @Override
    public void rollbackEnd(TransactionContext ctx) {
        reads.transactionEnded(db);
    }
}
