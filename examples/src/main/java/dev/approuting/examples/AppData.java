package dev.approuting.examples;

import dev.approuting.core.AppName;
import dev.approuting.core.RoutedDatabases;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.TableField;
import org.jooq.TableRecord;

/**
 * What the data access of every example app shares: the routed databases of the service it runs in and
 * the app whose database it works in. A subclass never names a database; the service's routing does.
 */
public abstract class AppData {
    private final RoutedDatabases dbs;
    private final AppName app;

    /** Works in the database {@code app} is routed to in the service of {@code dbs}. */
    protected AppData(RoutedDatabases dbs, AppName app) {
        this.dbs = Objects.requireNonNull(dbs, "dbs");
        this.app = Objects.requireNonNull(app, "app");
    }

    /** The app's database, each statement in a transaction of its own. */
    protected final DSLContext dsl() {
        return dbs.dsl(app);
    }

    /** Runs {@code work} in one transaction of the app's database. */
    protected final void transaction(Consumer<DSLContext> work) {
        dbs.transaction(app, work);
    }

    /** Runs {@code work} in one transaction of the app's database and returns its result. */
    protected final <T> T transactionResult(Function<DSLContext, T> work) {
        return dbs.transactionResult(app, work);
    }

    /**
     * Inserts the non-null values of {@code row} (the table's defaults fill in the rest) and returns the
     * {@code id} the database generated.
     */
    protected final <R extends TableRecord<R>> long insert(R row, TableField<R, Long> id) {
        for (Field<?> field : row.fields()) {
            row.changed(field, row.get(field) != null);
        }
        return dsl().insertInto(row.getTable()).set(row).returning(id).fetchSingle(id);
    }
}
