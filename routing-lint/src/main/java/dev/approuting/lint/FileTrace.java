package dev.approuting.lint;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What the traced run saw when it applied one migration file to a real PostgreSQL: per top-level
 * statement, the table locks it took, the tables it rewrote or read in full and how it changed the tables
 * that existed before the file.
 *
 * @param inTransaction whether the file ran in one transaction, as Flyway runs it
 * @param statements one entry per top-level statement that ran (a {@code DO} block is one)
 * @param error why the file failed on PostgreSQL (with line and SQLState), or {@code null}; the file
 *     was rolled back as far as its transaction allows, and later files were not traced
 */
public record FileTrace(
        boolean inTransaction,
        List<StatementTrace> statements,
        @Nullable String error) {

    /** Copies the values. */
    public FileTrace {
        statements = List.copyOf(statements);
    }

    /**
     * One statement as PostgreSQL ran it.
     *
     * @param line 1-based line of the statement
     * @param column 1-based column of the statement
     * @param statement the statement as written
     * @param lockTimeout the session's {@code lock_timeout} while it ran ({@code 0} = wait forever)
     * @param locks the table locks it took, strongest mode per table; empty outside a transaction
     *     (they are released before they can be read)
     * @param rewritten the tables that existed before the file and were rewritten (new relfilenode)
     * @param scanned the tables that existed before the file on which it began a sequential scan (to check
     *     a constraint, build an index or rewrite the table); empty outside a transaction
     * @param changes how it changed the tables that existed before the file
     */
    public record StatementTrace(
            int line,
            int column,
            String statement,
            String lockTimeout,
            List<TableLock> locks,
            List<String> rewritten,
            List<String> scanned,
            List<SchemaChange> changes) {

        /** Checks and copies the values. */
        public StatementTrace {
            Objects.requireNonNull(statement, "statement");
            Objects.requireNonNull(lockTimeout, "lockTimeout");
            locks = List.copyOf(locks);
            rewritten = List.copyOf(rewritten);
            scanned = List.copyOf(scanned);
            changes = List.copyOf(changes);
        }
    }

    /**
     * A table lock held when a statement finished.
     *
     * @param table the table, schema-qualified, named as it was before the file when it existed then
     * @param mode the lock mode as PostgreSQL's documentation names it, such as {@code ACCESS EXCLUSIVE}
     * @param existing whether the table existed before the file (a lock on a table the file created
     *     blocks nobody)
     */
    public record TableLock(String table, String mode, boolean existing) {

        /** Checks the values. */
        public TableLock {
            Objects.requireNonNull(table, "table");
            Objects.requireNonNull(mode, "mode");
        }

        /** Returns whether the mode blocks inserts, updates and deletes (SHARE and stronger). */
        public boolean blocksWrites() {
            return strength(mode) >= strength("SHARE");
        }

        /** Returns whether the mode also blocks reads ({@code ACCESS EXCLUSIVE}). */
        public boolean blocksReads() {
            return mode.equals("ACCESS EXCLUSIVE");
        }

        /**
         * Orders lock modes from {@code ACCESS SHARE} (1) to {@code ACCESS EXCLUSIVE} (8); 0 for an
         * unknown mode.
         *
         * @param mode a mode such as {@code ROW EXCLUSIVE}
         * @return its rank
         */
        public static int strength(String mode) {
            return switch (mode.toUpperCase(Locale.ROOT)) {
                case "ACCESS SHARE" -> 1;
                case "ROW SHARE" -> 2;
                case "ROW EXCLUSIVE" -> 3;
                case "SHARE UPDATE EXCLUSIVE" -> 4;
                case "SHARE" -> 5;
                case "SHARE ROW EXCLUSIVE" -> 6;
                case "EXCLUSIVE" -> 7;
                case "ACCESS EXCLUSIVE" -> 8;
                default -> 0;
            };
        }
    }

    /**
     * A change to a table that existed before the file, read from the catalog before and after the
     * statement.
     *
     * @param kind what changed
     * @param table the table, schema-qualified, as it was before the statement
     * @param column the column as it was before (for {@link ChangeKind#COLUMN_ADDED}: the new one), or
     *     {@code null} for table-level changes
     * @param detail the change in words, such as {@code varchar(20) -> text}
     */
    public record SchemaChange(
            ChangeKind kind, String table, @Nullable String column, String detail) {

        /** Checks the values. */
        public SchemaChange {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(table, "table");
            Objects.requireNonNull(detail, "detail");
        }
    }

    /** The kinds of {@link SchemaChange}. */
    public enum ChangeKind {
        /** The table was dropped. */
        TABLE_DROPPED,
        /** The table was renamed or moved to another schema. */
        TABLE_RENAMED,
        /** A column was added. */
        COLUMN_ADDED,
        /** A column was dropped. */
        COLUMN_DROPPED,
        /** A column was renamed. */
        COLUMN_RENAMED,
        /** A column's type changed. */
        COLUMN_TYPE_CHANGED,
        /** A column became NOT NULL. */
        NOT_NULL_SET,
        /** A column lost NOT NULL. */
        NOT_NULL_DROPPED
    }
}
