package dev.approuting.examples;

import dev.approuting.core.AppName;
import dev.approuting.core.RoutedDatabases;
import java.util.Objects;
import org.jooq.Field;
import org.jooq.TableField;
import org.jooq.TableRecord;

/**
 * What the data access of every example app shares: the routed databases of the service it runs in and
 * the app whose database it works in. A subclass never names a database; the service's routing does.
 */
public abstract class AppData {
    /** The routed databases of the service this app runs in. */
    protected final RoutedDatabases dbs;

    private final AppName app;

    /** Works in the database {@code app} is routed to in the service of {@code dbs}. */
    protected AppData(RoutedDatabases dbs, AppName app) {
        this.dbs = Objects.requireNonNull(dbs, "dbs");
        this.app = Objects.requireNonNull(app, "app");
    }

    /**
     * Inserts the non-null values of {@code row} (the table's defaults fill in the rest) and returns the
     * {@code id} the database generated.
     */
    protected final <R extends TableRecord<R>> long insert(R row, TableField<R, Long> id) {
        for (Field<?> field : row.fields()) {
            row.changed(field, row.get(field) != null);
        }
        return dbs.dsl(app).insertInto(row.getTable()).set(row).returning(id).fetchSingle(id);
    }
}
