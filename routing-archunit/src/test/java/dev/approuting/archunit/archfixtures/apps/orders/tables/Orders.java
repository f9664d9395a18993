package dev.approuting.archunit.archfixtures.apps.orders.tables;

import org.jooq.Record;
import org.jooq.impl.DSL;
import org.jooq.impl.TableImpl;

/** Stands for a jOOQ-generated table of app orders. */
public final class Orders extends TableImpl<Record> {
    private static final long serialVersionUID = 1L;

    public static final Orders ORDERS = new Orders();

    private Orders() {
        super(DSL.name("orders"), DSL.schema(DSL.name("orders")));
    }
}
