package dev.approuting.lint.internal;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** The statement shapes the rules look at; everything else is {@link Other}. */
sealed interface Stmt {

    /** {@code ALTER TABLE [IF EXISTS] [ONLY] t action, …}. */
    record AlterTable(String table, List<Action> actions) implements Stmt {
        public AlterTable {
            actions = List.copyOf(actions);
        }
    }

    /** {@code CREATE [TEMP|UNLOGGED] TABLE t (…)} or {@code … AS …}. */
    record CreateTable(String table, List<Column> columns, List<Constraint> constraints) implements Stmt {
        public CreateTable {
            columns = List.copyOf(columns);
            constraints = List.copyOf(constraints);
        }
    }

    /** {@code CREATE [UNIQUE] INDEX [CONCURRENTLY] [IF NOT EXISTS] [name] ON t …}. */
    record CreateIndex(@Nullable String name, String table, boolean concurrently) implements Stmt {}

    /** {@code DROP INDEX [CONCURRENTLY] [IF EXISTS] i, …}. */
    record DropIndex(List<String> names, boolean concurrently) implements Stmt {
        public DropIndex {
            names = List.copyOf(names);
        }
    }

    /** {@code DROP TABLE}, {@code DROP SCHEMA}, {@code DROP TYPE} and the like. */
    record Drop(String kind, List<String> names) implements Stmt {
        public Drop {
            names = List.copyOf(names);
        }
    }

    /** {@code CREATE SCHEMA}, {@code CREATE TYPE}, {@code CREATE VIEW} and the like. */
    record Create(String kind, String name) implements Stmt {}

    /** {@code TRUNCATE [TABLE] [ONLY] t, …}. */
    record Truncate(List<String> tables) implements Stmt {
        public Truncate {
            tables = List.copyOf(tables);
        }
    }

    /** {@code REINDEX [(…)] INDEX|TABLE|SCHEMA|DATABASE|SYSTEM [CONCURRENTLY] name}. */
    record Reindex(String kind, String name, boolean concurrently) implements Stmt {}

    /** {@code ALTER TYPE t RENAME VALUE 'a' TO 'b'}. */
    record RenameEnumValue(String type) implements Stmt {}

    /** {@code ALTER TYPE t ADD VALUE …}. */
    record AddEnumValue(String type) implements Stmt {}

    /** {@code BEGIN}, {@code START TRANSACTION}, {@code COMMIT}, {@code END}, {@code ROLLBACK}. */
    record TransactionControl(boolean begins) implements Stmt {}

    /** {@code SET [LOCAL|SESSION] lock_timeout …}; {@code enabled} false for 0. */
    record SetLockTimeout(boolean enabled) implements Stmt {}

    /** {@code DO [LANGUAGE l] $$…$$}: the body runs, so its statements are linted. */
    record DoBlock(List<ParsedStatement> body) implements Stmt {
        public DoBlock {
            body = List.copyOf(body);
        }
    }

    /** A statement PostgreSQL refuses inside a transaction (VACUUM, CREATE DATABASE, …). */
    record NonTransactional(String what) implements Stmt {}

    /** Any other statement. */
    record Other() implements Stmt {}

    /** One action of an {@code ALTER TABLE}. */
    sealed interface Action {}

    /** {@code ADD [COLUMN] [IF NOT EXISTS] c type …}. */
    record AddColumn(Column column) implements Action {}

    /** {@code DROP [COLUMN] [IF EXISTS] c}. */
    record DropColumn(String column) implements Action {}

    /** {@code ALTER [COLUMN] c [SET DATA] TYPE t [USING …]}. */
    record AlterColumnType(String column, TypeName type, boolean using) implements Action {}

    /** {@code ALTER [COLUMN] c SET DEFAULT e}. */
    record SetDefault(String column) implements Action {}

    /** {@code ALTER [COLUMN] c DROP DEFAULT}. */
    record DropDefault(String column) implements Action {}

    /** {@code ALTER [COLUMN] c SET NOT NULL}. */
    record SetNotNull(String column) implements Action {}

    /** {@code ALTER [COLUMN] c DROP NOT NULL}. */
    record DropNotNull(String column) implements Action {}

    /** {@code ADD [CONSTRAINT n] …} (table constraint). */
    record AddConstraint(Constraint constraint) implements Action {}

    /** {@code VALIDATE CONSTRAINT n}. */
    record ValidateConstraint(String name) implements Action {}

    /** {@code RENAME [COLUMN] a TO b}. */
    record RenameColumn(String from, String to) implements Action {}

    /** {@code RENAME TO n}. */
    record RenameTable(String to) implements Action {}

    /** {@code SET SCHEMA s}. */
    record SetSchema(String schema) implements Action {}

    /** {@code SET LOGGED} / {@code SET UNLOGGED}. */
    record SetLogged(boolean logged) implements Action {}

    /** Any other action. */
    record OtherAction() implements Action {}

    /** Constraint kinds the rules distinguish. */
    enum ConstraintKind {
        FOREIGN_KEY,
        CHECK,
        UNIQUE,
        PRIMARY_KEY,
        EXCLUDE,
        OTHER
    }

    /**
     * A table constraint.
     *
     * @param name its name, if given
     * @param kind its kind
     * @param notValid whether it was added {@code NOT VALID}
     * @param usingIndex whether it is {@code UNIQUE/PRIMARY KEY USING INDEX i}
     * @param notNullColumn for {@code CHECK (c IS NOT NULL)}: the column
     */
    record Constraint(
            @Nullable String name,
            ConstraintKind kind,
            boolean notValid,
            boolean usingIndex,
            @Nullable String notNullColumn) {}

    /**
     * A column definition.
     *
     * @param name the column
     * @param type its type
     * @param notNull {@code NOT NULL} or {@code PRIMARY KEY}
     * @param defaultExpr the {@code DEFAULT} expression's tokens, or null without one
     * @param identity {@code GENERATED … AS IDENTITY}
     * @param generatedStored {@code GENERATED ALWAYS AS (…) STORED}
     * @param references {@code REFERENCES …}
     * @param unique {@code UNIQUE} or {@code PRIMARY KEY}
     * @param check an inline {@code CHECK}
     */
    record Column(
            String name,
            TypeName type,
            boolean notNull,
            @Nullable List<Token> defaultExpr,
            boolean identity,
            boolean generatedStored,
            boolean references,
            boolean unique,
            boolean check) {}

    /**
     * A type as written: base name (lower case, {@code character varying} folded to {@code varchar})
     * with its modifiers.
     */
    record TypeName(String base, List<String> modifiers, boolean array) {
        public TypeName {
            modifiers = List.copyOf(modifiers);
        }

        @Override
        public String toString() {
            return base + (modifiers.isEmpty() ? "" : "(" + String.join(",", modifiers) + ")") + (array ? "[]" : "");
        }
    }
}
