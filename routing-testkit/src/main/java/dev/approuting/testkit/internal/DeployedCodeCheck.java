package dev.approuting.testkit.internal;

import dev.approuting.core.ErrorCode;
import dev.approuting.core.RoutingException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.sql.DataSource;
import org.jooq.DataType;
import org.jooq.Field;
import org.jooq.SQLDialect;
import org.jooq.Schema;
import org.jooq.Table;
import org.jooq.impl.DefaultDataType;
import org.jspecify.annotations.Nullable;

/**
 * Checks a migrated database against the jOOQ model of the code currently deployed: every table and
 * column it uses still exists under its name, with a type its reads and writes still work with, and no
 * new NOT NULL column without a default waits for values its inserts do not supply.
 */
public final class DeployedCodeCheck {
    private static final String COLUMNS_SQL = "SELECT a.attname, t.typname, format_type(a.atttypid, a.atttypmod),"
            + " a.atttypmod, a.attnotnull, a.atthasdef OR a.attidentity <> '' OR a.attgenerated <> ''"
            + " FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid"
            + " JOIN pg_namespace n ON n.oid = c.relnamespace JOIN pg_type t ON t.oid = a.atttypid"
            + " WHERE n.nspname = ? AND c.relname = ? AND c.relkind IN ('r', 'p', 'v', 'm', 'f')"
            + " AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum";
    private static final List<Class<?>> NUMBERS =
            List.of(Short.class, Integer.class, Long.class, BigInteger.class, BigDecimal.class);

    private DeployedCodeCheck() {}

    /** A column of the migrated database. */
    private record DbColumn(String type, String shown, int typmod, boolean notNull, boolean filled) {}

    /**
     * Returns every way the deployed code would break on the migrated database; empty when it works.
     *
     * @param schemas the deployed model's schemas (a schema without a name means {@code public})
     * @param migrated the database migrated with the new migrations
     * @throws RoutingException ({@link ErrorCode#DATABASE_UNAVAILABLE}) when the database cannot be read
     */
    public static List<String> problems(List<Schema> schemas, DataSource migrated) {
        List<String> problems = new ArrayList<>();
        try (Connection c = migrated.getConnection()) {
            for (Schema schema : schemas) {
                String schemaName = schema.getName().isEmpty() ? "public" : schema.getName();
                for (Table<?> table : schema.getTables()) {
                    check(c, schemaName, table, problems);
                }
            }
        } catch (SQLException e) {
            throw RoutingException.of(
                    ErrorCode.DATABASE_UNAVAILABLE,
                    "cannot read the migrated database to check the deployed model: " + e.getMessage()
                            + "; pass a DataSource of a database migrated with the new migrations",
                    e);
        }
        return problems;
    }

    private static void check(Connection c, String schema, Table<?> table, List<String> problems) throws SQLException {
        String name = schema + "." + table.getName();
        Map<String, DbColumn> columns = columns(c, schema, table.getName());
        if (columns.isEmpty()) {
            problems.add("table " + name + " is missing (dropped or renamed), but the deployed code uses it");
            return;
        }
        List<String> known = new ArrayList<>();
        for (Field<?> field : table.fields()) {
            known.add(field.getName());
            DbColumn column = columns.get(field.getName());
            String where = name + "." + field.getName();
            if (column == null) {
                problems.add("column " + where + " is missing (dropped or renamed), but the deployed code uses it");
                continue;
            }
            String typeProblem = typeProblem(field.getDataType(), column);
            if (typeProblem != null) {
                problems.add("column " + where + " " + typeProblem);
            }
            if (column.notNull() && field.getDataType().nullable() && !column.filled()) {
                problems.add("column " + where + " is NOT NULL now, but the deployed code may write nulls to it");
            }
        }
        for (Map.Entry<String, DbColumn> column : columns.entrySet()) {
            DbColumn db = column.getValue();
            if (!known.contains(column.getKey()) && db.notNull() && !db.filled()) {
                problems.add("column " + name + "." + column.getKey() + " is new, NOT NULL and has no default: the"
                        + " deployed code's inserts into " + name + " do not supply it and fail");
            }
        }
    }

    private static Map<String, DbColumn> columns(Connection c, String schema, String table) throws SQLException {
        Map<String, DbColumn> columns = new LinkedHashMap<>();
        try (PreparedStatement s = c.prepareStatement(COLUMNS_SQL)) {
            s.setString(1, schema);
            s.setString(2, table);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    DbColumn column = new DbColumn(
                            rs.getString(2), rs.getString(3), rs.getInt(4), rs.getBoolean(5), rs.getBoolean(6));
                    columns.put(rs.getString(1), column);
                }
            }
        }
        return columns;
    }

    /** Returns why the deployed code cannot read and write the column's new type, or null when it can. */
    private static @Nullable String typeProblem(DataType<?> model, DbColumn db) {
        Class<?> dbType = javaType(db.type());
        Class<?> modelType = model.getType();
        String change = "changed type to " + db.shown() + ", but the deployed code reads and writes it as "
                + model.getTypeName() + " (" + modelType.getSimpleName() + ")";
        if (dbType == null || dbType == Object.class || modelType == Object.class) {
            return null;
        }
        if (dbType.equals(modelType)) {
            if (modelType == String.class && model.hasLength() && model.length() > 0) {
                int dbLength = db.typmod() > 4 ? db.typmod() - 4 : -1;
                if (dbLength >= 0 && dbLength < model.length()) {
                    return "was narrowed to " + db.shown() + ": values the deployed code writes (up to "
                            + model.length() + " characters) may no longer fit";
                }
            }
            return null;
        }
        int from = NUMBERS.indexOf(modelType);
        int to = NUMBERS.indexOf(dbType);
        if (from >= 0 && to >= from) {
            return null;
        }
        return change;
    }

    private static @Nullable Class<?> javaType(String pgType) {
        try {
            return DefaultDataType.getDataType(SQLDialect.POSTGRES, pgType.toLowerCase(Locale.ROOT))
                    .getType();
        } catch (RuntimeException e) {
            return null;
        }
    }
}
