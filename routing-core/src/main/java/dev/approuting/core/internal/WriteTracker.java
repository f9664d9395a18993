package dev.approuting.core.internal;

import dev.approuting.core.AppName;
import dev.approuting.core.DbName;
import java.util.Locale;
import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;
import org.jooq.ExecuteType;
import org.jooq.TransactionContext;
import org.jooq.TransactionListener;
import org.jspecify.annotations.Nullable;

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
        if (ctx.type() != ExecuteType.READ || !startsAsRead(ctx.sql())) {
            reads.wrote(db);
        }
    }

    /**
     * Returns whether a statement jOOQ calls a read is one by its first word: a fetched {@code INSERT … RETURNING}
     * in plain SQL is a READ to jOOQ, and so is a {@code WITH} that may hold an {@code INSERT}. Only
     * {@code SELECT}, {@code VALUES}, {@code TABLE}, {@code SHOW} and {@code EXPLAIN} (without {@code ANALYZE})
     * count as reads.
     */
    static boolean startsAsRead(@Nullable String sql) {
        if (sql == null) {
            return false;
        }
        int i = 0;
        int n = sql.length();
        while (i < n) {
            char c = sql.charAt(i);
            if (Character.isWhitespace(c) || c == '(') {
                i++;
            } else if (sql.startsWith("--", i)) {
                int end = sql.indexOf('\n', i);
                i = end < 0 ? n : end + 1;
            } else if (sql.startsWith("/*", i)) {
                int end = sql.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 2;
            } else {
                break;
            }
        }
        int end = i;
        while (end < n && Character.isLetter(sql.charAt(end))) {
            end++;
        }
        String word = sql.substring(i, end).toLowerCase(Locale.ROOT);
        return switch (word) {
            case "select", "values", "table", "show" -> true;
            case "explain" -> !sql.substring(end).toLowerCase(Locale.ROOT).contains("analyze");
            default -> false;
        };
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
