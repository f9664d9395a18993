package dev.approuting.lint;

import java.util.List;
import org.jooq.Record;
import org.jooq.Schema;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.jooq.impl.SchemaImpl;
import org.jooq.impl.TableImpl;

/** A hand-written jOOQ model of one table, standing in for a deployed code's generated classes. */
final class TestModel {
    private TestModel() {}

    /** Returns schema {@code schema} with {@code table} having {@code columns}. */
    static Schema schema(String schema, String table, String... columns) {
        return new SchemaImpl(DSL.name(schema)) {
            private static final long serialVersionUID = 1L;

            @Override
            public List<Table<?>> getTables() {
                return List.of(new OneTable(table, this, columns));
            }
        };
    }

    private static final class OneTable extends TableImpl<Record> {
        private static final long serialVersionUID = 1L;

        OneTable(String name, Schema schema, String... columns) {
            super(DSL.name(name), schema);
            for (String column : columns) {
                createField(DSL.name(column), SQLDataType.VARCHAR, this);
            }
        }
    }
}
