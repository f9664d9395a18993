package dev.approuting.lint.internal;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jooq.Field;
import org.jooq.Schema;
import org.jooq.Table;

/**
 * The tables and columns the deployed code's jOOQ model uses. Names are matched without their schema,
 * as the static engine reads them; a table another schema also has counts as used.
 */
public final class DeployedModel {
    private final Set<String> schemas = new HashSet<>();
    private final Set<String> tables = new HashSet<>();
    private final Set<String> columns = new HashSet<>();

    /**
     * Reads the tables and columns of jOOQ schemas.
     *
     * @param models the schemas of the deployed code's generated model
     */
    public DeployedModel(List<Schema> models) {
        for (Schema schema : models) {
            schemas.add(fold(schema.getName()));
            for (Table<?> table : schema.getTables()) {
                String name = fold(table.getName());
                tables.add(name);
                for (Field<?> field : table.fields()) {
                    columns.add(name + "." + fold(field.getName()));
                }
            }
        }
    }

    private static String fold(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    /** Returns whether the model has a table named {@code table} (in any schema). */
    public boolean usesTable(String table) {
        return tables.contains(fold(table));
    }

    /** Returns whether the model reads or writes {@code table.column}. */
    public boolean usesColumn(String table, String column) {
        return columns.contains(fold(table) + "." + fold(column));
    }

    /** Returns whether the model has a schema named {@code schema}. */
    public boolean usesSchema(String schema) {
        return schemas.contains(fold(schema));
    }

    /** Returns how many tables the model has, for messages. */
    public int tableCount() {
        return tables.size();
    }
}
