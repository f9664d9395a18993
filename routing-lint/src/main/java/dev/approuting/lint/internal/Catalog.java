package dev.approuting.lint.internal;

import dev.approuting.lint.internal.Stmt.TypeName;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the files linted so far (in Flyway order, one migration folder) built: column types, which
 * index belongs to which table, and validated {@code CHECK (c IS NOT NULL)} constraints. Lets later
 * files tell a binary-coercible type change or a safe SET NOT NULL. Not thread-safe.
 */
final class Catalog {
    private final Map<String, Map<String, TypeName>> columns = new HashMap<>();
    private final Map<String, String> indexTable = new HashMap<>();
    private final Map<String, String> notNullChecks = new HashMap<>();
    private final Set<String> validatedNotNull = new HashSet<>();

    void createTable(String table) {
        columns.put(table, new HashMap<>());
    }

    void dropTable(String table) {
        columns.remove(table);
    }

    void renameTable(String from, String to) {
        Map<String, TypeName> cols = columns.remove(from);
        if (cols != null) {
            columns.put(to, cols);
        }
    }

    void putColumn(String table, String column, TypeName type) {
        columns.computeIfAbsent(table, t -> new HashMap<>()).put(column, type);
    }

    void dropColumn(String table, String column) {
        Map<String, TypeName> cols = columns.get(table);
        if (cols != null) {
            cols.remove(column);
        }
    }

    void renameColumn(String table, String from, String to) {
        Map<String, TypeName> cols = columns.get(table);
        if (cols != null && cols.containsKey(from)) {
            cols.put(to, cols.remove(from));
        }
    }

    Optional<TypeName> columnType(String table, String column) {
        Map<String, TypeName> cols = columns.get(table);
        return cols == null ? Optional.empty() : Optional.ofNullable(cols.get(column));
    }

    void putIndex(String index, String table) {
        indexTable.put(index, table);
    }

    Optional<String> tableOfIndex(String index) {
        return Optional.ofNullable(indexTable.get(index));
    }

    void addNotNullCheck(String constraint, String table, String column, boolean validated) {
        notNullChecks.put(constraint, table + "." + column);
        if (validated) {
            validatedNotNull.add(table + "." + column);
        }
    }

    void validate(String constraint) {
        String column = notNullChecks.get(constraint);
        if (column != null) {
            validatedNotNull.add(column);
        }
    }

    boolean hasValidatedNotNullCheck(String table, String column) {
        return validatedNotNull.contains(table + "." + column);
    }
}
