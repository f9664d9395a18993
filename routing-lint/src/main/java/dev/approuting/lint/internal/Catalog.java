package dev.approuting.lint.internal;

import dev.approuting.lint.internal.Stmt.TypeName;
import dev.approuting.lint.internal.TypeChanges.Domain;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What the files linted so far (in Flyway order, one migration folder, the applied history included)
 * built: tables and their columns (type, NOT NULL), indexes and their columns, validated
 * {@code CHECK (c IS NOT NULL)} constraints and other validated checks, domains and the volatility of the
 * project's functions. Lets later files tell a binary-coercible type change, a safe SET NOT NULL or a
 * primary key over nullable columns. Not thread-safe.
 */
final class Catalog {
    /** A column as the migrations defined it. */
    record ColumnInfo(TypeName type, boolean notNull) {}

    private final Map<String, Map<String, ColumnInfo>> columns = new HashMap<>();
    private final Map<String, String> indexTable = new HashMap<>();
    private final Map<String, List<String>> indexColumns = new HashMap<>();
    private final Map<String, String> notNullChecks = new HashMap<>();
    private final Map<String, String> checkTables = new HashMap<>();
    private final Set<String> validatedNotNull = new HashSet<>();
    private final Set<String> tablesWithValidatedCheck = new HashSet<>();
    private final Map<String, Domain> domains = new HashMap<>();
    private final Map<String, String> functions = new HashMap<>();

    void createTable(String table) {
        columns.put(table, new HashMap<>());
    }

    boolean knowsTable(String table) {
        return columns.containsKey(table);
    }

    void dropTable(String table) {
        columns.remove(table);
    }

    void renameTable(String from, String to) {
        Map<String, ColumnInfo> cols = columns.remove(from);
        if (cols != null) {
            columns.put(to, cols);
        }
    }

    void putColumn(String table, String column, TypeName type, boolean notNull) {
        columns.computeIfAbsent(table, t -> new HashMap<>()).put(column, new ColumnInfo(type, notNull));
    }

    void retype(String table, String column, TypeName type) {
        Map<String, ColumnInfo> cols = columns.computeIfAbsent(table, t -> new HashMap<>());
        ColumnInfo was = cols.get(column);
        cols.put(column, new ColumnInfo(type, was != null && was.notNull()));
    }

    void setNotNull(String table, String column, boolean notNull) {
        Map<String, ColumnInfo> cols = columns.get(table);
        ColumnInfo was = cols == null ? null : cols.get(column);
        if (cols != null && was != null) {
            cols.put(column, new ColumnInfo(was.type(), notNull));
        }
    }

    void dropColumn(String table, String column) {
        Map<String, ColumnInfo> cols = columns.get(table);
        if (cols != null) {
            cols.remove(column);
        }
    }

    void renameColumn(String table, String from, String to) {
        Map<String, ColumnInfo> cols = columns.get(table);
        if (cols != null && cols.containsKey(from)) {
            cols.put(to, cols.remove(from));
        }
    }

    Optional<TypeName> columnType(String table, String column) {
        return column(table, column).map(ColumnInfo::type);
    }

    Optional<ColumnInfo> column(String table, String column) {
        Map<String, ColumnInfo> cols = columns.get(table);
        return cols == null ? Optional.empty() : Optional.ofNullable(cols.get(column));
    }

    /** Returns whether a column of any table has type {@code type} (a domain's name, say). */
    boolean anyColumnOfType(String type) {
        return columns.values().stream()
                .flatMap(cols -> cols.values().stream())
                .anyMatch(c -> c.type().base().equals(type));
    }

    void putIndex(String index, String table, List<String> onColumns) {
        indexTable.put(index, table);
        indexColumns.put(index, List.copyOf(onColumns));
    }

    Optional<String> tableOfIndex(String index) {
        return Optional.ofNullable(indexTable.get(index));
    }

    Optional<List<String>> columnsOfIndex(String index) {
        return Optional.ofNullable(indexColumns.get(index));
    }

    /** Returns whether an index the migrations created covers {@code table.column}. */
    boolean indexed(String table, String column) {
        return indexTable.entrySet().stream()
                .anyMatch(e -> e.getValue().equals(table)
                        && indexColumns.getOrDefault(e.getKey(), List.of()).contains(column));
    }

    void addCheck(String constraint, String table, @Nullable String notNullColumn, boolean validated) {
        checkTables.put(constraint, table);
        if (notNullColumn != null) {
            notNullChecks.put(constraint, table + "." + notNullColumn);
        }
        if (validated) {
            validate(constraint);
        }
    }

    void validate(String constraint) {
        String column = notNullChecks.get(constraint);
        if (column != null) {
            validatedNotNull.add(column);
        }
        String table = checkTables.get(constraint);
        if (table != null) {
            tablesWithValidatedCheck.add(table);
        }
    }

    void dropConstraint(String constraint) {
        String column = notNullChecks.remove(constraint);
        if (column != null && !notNullChecks.containsValue(column)) {
            validatedNotNull.remove(column);
        }
        checkTables.remove(constraint);
    }

    boolean hasValidatedNotNullCheck(String table, String column) {
        return validatedNotNull.contains(table + "." + column);
    }

    boolean hasValidatedCheck(String table) {
        return tablesWithValidatedCheck.contains(table);
    }

    void putDomain(String name, TypeName base, boolean constrained) {
        domains.put(name, new Domain(base, constrained));
    }

    Map<String, Domain> domains() {
        return domains;
    }

    void putFunction(String name, String volatility) {
        functions.put(name, volatility);
    }

    Optional<String> functionVolatility(String name) {
        return Optional.ofNullable(functions.get(name));
    }
}
