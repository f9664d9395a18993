package dev.approuting.lint.internal;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The statement shapes the rules look at; everything else is {@link Other}. Shapes with no logic of their
 * own beyond the lock table are a {@link Command} naming their {@link LockTable} row.
 */
sealed interface Stmt {

    /** {@code ALTER TABLE [IF EXISTS] [ONLY] t action, …}. */
    record AlterTable(String table, List<Action> actions) implements Stmt {
        public AlterTable {
            actions = List.copyOf(actions);
        }
    }

    /**
     * {@code CREATE [UNLOGGED] TABLE t (…)}, {@code … AS …} or {@code … PARTITION OF p …}.
     *
     * @param partitionOf the partitioned table of {@code PARTITION OF}, or null
     */
    record CreateTable(
            String table,
            List<Column> columns,
            List<Constraint> constraints,
            @Nullable String partitionOf) implements Stmt {
        public CreateTable {
            columns = List.copyOf(columns);
            constraints = List.copyOf(constraints);
        }
    }

    /**
     * {@code CREATE [UNIQUE] INDEX [CONCURRENTLY] [IF NOT EXISTS] [name] ON [ONLY] t (columns) …}.
     *
     * @param only {@code ON ONLY}: the partitioned table alone, no partition indexed
     */
    record CreateIndex(@Nullable String name, String table, boolean concurrently, boolean only, List<String> columns)
            implements Stmt {
        public CreateIndex {
            columns = List.copyOf(columns);
        }
    }

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

    /** {@code CREATE SCHEMA}, {@code CREATE TYPE}, {@code CREATE VIEW}, {@code CREATE SEQUENCE} and the like. */
    record Create(String kind, String name) implements Stmt {}

    /**
     * {@code CREATE DOMAIN d AS type …}.
     *
     * @param constrained whether it has a CHECK or NOT NULL constraint
     */
    record CreateDomain(String name, TypeName base, boolean constrained) implements Stmt {}

    /**
     * {@code CREATE [OR REPLACE] FUNCTION f(…) …}.
     *
     * @param volatility {@code immutable}, {@code stable} or {@code volatile} (PostgreSQL's default)
     */
    record CreateFunction(String name, String volatility) implements Stmt {}

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

    /** {@code ALTER TYPE t ADD VALUE [IF NOT EXISTS] 'v' …}. */
    record AddEnumValue(String type, String value) implements Stmt {}

    /**
     * {@code ALTER DOMAIN d …}.
     *
     * @param form its lock table row
     * @param constraint the constraint it adds or validates, or null
     */
    record AlterDomain(String domain, String form, @Nullable String constraint) implements Stmt {}

    /**
     * {@code ALTER SCHEMA s RENAME TO n}.
     *
     * @param schema the schema renamed
     * @param to its new name
     */
    record RenameSchema(String schema, String to) implements Stmt {}

    /**
     * {@code UPDATE}, {@code DELETE}, {@code MERGE} or {@code INSERT … SELECT}: a statement that may write
     * every row of {@code table}.
     *
     * @param verb {@code UPDATE}, {@code DELETE}, {@code MERGE} or {@code INSERT}
     * @param table the table written
     */
    record Dml(String verb, String table) implements Stmt {}

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

    /**
     * A command the lock table describes and no rule looks into further: {@code CLUSTER}, {@code VACUUM},
     * {@code REFRESH MATERIALIZED VIEW}, {@code LOCK TABLE}, triggers, policies, grants, {@code CREATE
     * DATABASE} and the like.
     *
     * @param form its lock table row
     * @param targets the tables (or materialized views) it locks, possibly none
     * @param lock the lock mode named by the statement ({@code LOCK … IN mode MODE}), or null for the row's
     * @param what the command in words for messages, such as {@code VACUUM FULL}
     */
    record Command(
            String form, List<String> targets, @Nullable String lock, String what) implements Stmt {
        public Command {
            targets = List.copyOf(targets);
        }
    }

    /** Any other statement. */
    record Other() implements Stmt {}

    /** One action of an {@code ALTER TABLE}. */
    sealed interface Action {}

    /** {@code ADD [COLUMN] [IF NOT EXISTS] c type …}. */
    record AddColumn(Column column) implements Action {}

    /** {@code DROP [COLUMN] [IF EXISTS] c}. */
    record DropColumn(String column) implements Action {}

    /**
     * {@code ALTER [COLUMN] c [SET DATA] TYPE t [COLLATE x] [USING …]}.
     *
     * @param using whether a USING expression changes the values (a bare {@code c} or {@code c::t} does not)
     * @param collate the collation named, or null
     */
    record AlterColumnType(
            String column,
            TypeName type,
            boolean using,
            @Nullable String collate) implements Action {}

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

    /** {@code DROP CONSTRAINT [IF EXISTS] n}. */
    record DropConstraint(String name) implements Action {}

    /** {@code RENAME [COLUMN] a TO b}. */
    record RenameColumn(String from, String to) implements Action {}

    /** {@code RENAME TO n}. */
    record RenameTable(String to) implements Action {}

    /** {@code SET SCHEMA s}. */
    record SetSchema(String schema) implements Action {}

    /** {@code SET LOGGED} / {@code SET UNLOGGED}. */
    record SetLogged(boolean logged) implements Action {}

    /** {@code ATTACH PARTITION c …}. */
    record AttachPartition(String partition) implements Action {}

    /** {@code DETACH PARTITION c [CONCURRENTLY | FINALIZE]}. */
    record DetachPartition(String partition, boolean concurrently, boolean finalizes) implements Action {}

    /**
     * An action with no rule logic beyond its lock table row ({@code SET STATISTICS},
     * {@code SET TABLESPACE}, {@code ENABLE TRIGGER}, …).
     *
     * @param form its lock table row
     * @param what the action in words for messages
     */
    record TableAction(String form, String what) implements Action {}

    /** Any other action. */
    record OtherAction() implements Action {}

    /** Constraint kinds the rules distinguish. */
    enum ConstraintKind {
        FOREIGN_KEY,
        CHECK,
        UNIQUE,
        PRIMARY_KEY,
        EXCLUDE,
        NOT_NULL,
        OTHER
    }

    /**
     * A table constraint.
     *
     * @param name its name, if given
     * @param kind its kind
     * @param notValid whether it was added {@code NOT VALID}
     * @param usingIndex the index of {@code UNIQUE/PRIMARY KEY USING INDEX i}, or null
     * @param notNullColumn for {@code CHECK (c IS NOT NULL)} and {@code NOT NULL c}: the column
     * @param columns the columns of a UNIQUE, PRIMARY KEY or FOREIGN KEY constraint
     */
    record Constraint(
            @Nullable String name,
            ConstraintKind kind,
            boolean notValid,
            @Nullable String usingIndex,
            @Nullable String notNullColumn,
            List<String> columns) {
        public Constraint {
            columns = List.copyOf(columns);
        }

        boolean isUsingIndex() {
            return usingIndex != null;
        }
    }

    /**
     * A column definition.
     *
     * @param name the column
     * @param type its type
     * @param notNull {@code NOT NULL} or {@code PRIMARY KEY}
     * @param defaultExpr the {@code DEFAULT} expression's tokens, or null without one
     * @param identity {@code GENERATED … AS IDENTITY}
     * @param generatedStored {@code GENERATED ALWAYS AS (…) STORED}
     * @param generatedVirtual {@code GENERATED ALWAYS AS (…)} without STORED (virtual from PostgreSQL 18)
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
            boolean generatedVirtual,
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
