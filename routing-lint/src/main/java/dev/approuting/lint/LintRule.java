package dev.approuting.lint;

import dev.approuting.core.support.Text;
import java.util.Arrays;
import java.util.Optional;

/**
 * The migration safety rules, each with its id (as used in reports, suppression comments and
 * configuration), default severity, why it matters and the safe recipe.
 */
public enum LintRule {
    /** Renaming a column. */
    RENAME_COLUMN(
            "rename-column",
            Severity.ERROR,
            "renaming a column breaks the deployed code, which still uses the old name",
            "add the new column, write to both, backfill, switch reads, and drop the old column in a later release"),
    /** Renaming a table or moving it to another schema. */
    RENAME_TABLE(
            "rename-table",
            Severity.ERROR,
            "renaming a table (or moving it with SET SCHEMA) breaks the deployed code, which still uses the old name",
            "create the new table (or a view under the new name), migrate the code, and drop the old one in a later release"),
    /** Dropping a column. */
    DROP_COLUMN(
            "drop-column",
            Severity.ERROR,
            "dropping a column breaks the deployed code while it still reads or writes it",
            "first release code that no longer uses the column, then drop it in a later migration"),
    /** Dropping a table. */
    DROP_TABLE(
            "drop-table",
            Severity.ERROR,
            "dropping a table breaks the deployed code while it still uses it",
            "first release code that no longer uses the table, then drop it in a later migration"),
    /** Dropping a schema. */
    DROP_SCHEMA(
            "drop-schema",
            Severity.ERROR,
            "dropping a schema removes every table in it while the deployed code may still use them",
            "first release code that no longer uses the schema, then drop it in a later migration"),
    /** A new NOT NULL column without a default, or its default dropped in the same file. */
    ADD_COLUMN_NOT_NULL_NO_DEFAULT(
            "add-column-not-null-no-default",
            Severity.ERROR,
            "a NOT NULL column without a default fails on a non-empty table and breaks the deployed code's inserts",
            "add the column nullable (or with a constant default), backfill, then add NOT NULL in a later release"),
    /** A json column added to an existing table. */
    ADD_JSON_COLUMN(
            "add-json-column",
            Severity.ERROR,
            "json has no equality operator: once the table has a json column, the deployed code's SELECT DISTINCT,"
                    + " UNION and GROUP BY over its rows fail",
            "use jsonb, which has one (and is smaller and faster to query)"),
    /** Changing a column's type (other than a binary-coercible widening). */
    ALTER_COLUMN_TYPE(
            "alter-column-type",
            Severity.ERROR,
            "changing a column's type rewrites the table under an ACCESS EXCLUSIVE lock and may break the deployed code",
            "add a column of the new type, write to both, backfill in batches, switch reads, drop the old column later;"
                    + " widening varchar(n) to varchar(m > n) or text is safe"),
    /** Truncating a table. */
    TRUNCATE(
            "truncate",
            Severity.ERROR,
            "TRUNCATE deletes every row under an ACCESS EXCLUSIVE lock",
            "delete the rows in batches, or drop the table in a later release once no code uses it"),
    /** Dropping NOT NULL. */
    DROP_NOT_NULL(
            "drop-not-null",
            Severity.WARNING,
            "the deployed code may not expect nulls in a column that never had them",
            "make sure the deployed code handles nulls in this column before dropping NOT NULL"),
    /** Renaming an enum value. */
    RENAME_ENUM_VALUE(
            "rename-enum-value",
            Severity.ERROR,
            "renaming an enum value breaks the deployed code, which still reads and writes the old value",
            "add the new value, migrate the data and the code, and stop using the old value"),
    /** CREATE INDEX without CONCURRENTLY. */
    CREATE_INDEX_NON_CONCURRENT(
            "create-index-non-concurrent",
            Severity.ERROR,
            "CREATE INDEX blocks every write to the table until the index is built",
            "use CREATE INDEX CONCURRENTLY, alone in its own migration file"),
    /** DROP INDEX without CONCURRENTLY. */
    DROP_INDEX_NON_CONCURRENT(
            "drop-index-non-concurrent",
            Severity.ERROR,
            "DROP INDEX takes an ACCESS EXCLUSIVE lock on the table, queued behind every running query",
            "use DROP INDEX CONCURRENTLY, alone in its own migration file"),
    /** A CONCURRENTLY index statement that would run inside a transaction. */
    CONCURRENT_INDEX_IN_TRANSACTION(
            "concurrent-index-in-transaction",
            Severity.ERROR,
            "CREATE/DROP INDEX CONCURRENTLY and REINDEX CONCURRENTLY cannot run inside a transaction block: the"
                    + " migration fails",
            "put the statement alone in its own file, outside BEGIN/COMMIT and DO blocks; for REINDEX … CONCURRENTLY"
                    + " also set executeInTransaction=false in the file's .sql.conf"),
    /** A statement PostgreSQL refuses in a transaction block, in a file that runs in one. */
    FAILS_IN_TRANSACTION(
            "fails-in-transaction",
            Severity.ERROR,
            "PostgreSQL refuses this statement inside a transaction block (or the use of an enum value added in the"
                    + " same transaction), and the runner runs it in one: the migration fails at deploy time",
            "put the statement alone in its own migration file with executeInTransaction=false in the file's .sql.conf"
                    + " (Flyway runs the file in a transaction otherwise); use a new enum value in a later file"),
    /** A validated foreign key on an existing table. */
    ADD_FK_VALIDATED(
            "add-fk-validated",
            Severity.ERROR,
            "adding a validated foreign key scans the table while blocking writes to both tables",
            "ADD CONSTRAINT … FOREIGN KEY … NOT VALID, then VALIDATE CONSTRAINT in a later migration (another transaction)"),
    /** A validated CHECK constraint on an existing table. */
    ADD_CHECK_CONSTRAINT_VALIDATED(
            "add-check-constraint-validated",
            Severity.ERROR,
            "adding a validated CHECK constraint scans the table under an ACCESS EXCLUSIVE lock",
            "ADD CONSTRAINT … CHECK (…) NOT VALID, then VALIDATE CONSTRAINT in a later migration (another transaction)"),
    /** SET NOT NULL without a validated CHECK (c IS NOT NULL). */
    SET_NOT_NULL(
            "set-not-null",
            Severity.ERROR,
            "SET NOT NULL scans the whole table under an ACCESS EXCLUSIVE lock",
            "on PostgreSQL 12+: ADD CONSTRAINT c_not_null CHECK (c IS NOT NULL) NOT VALID; VALIDATE it in a later"
                    + " migration; then SET NOT NULL (no scan) and drop the CHECK"),
    /** A default that forces a table rewrite. */
    VOLATILE_DEFAULT(
            "volatile-default",
            Severity.ERROR,
            "a volatile default (or serial/identity column) rewrites the whole table under an ACCESS EXCLUSIVE lock",
            "add the column without a default (or with a constant one), set the default afterwards for new rows,"
                    + " and backfill existing rows in batches"),
    /** A new GENERATED … STORED column on an existing table. */
    ADD_GENERATED_STORED_COLUMN(
            "add-generated-stored-column",
            Severity.ERROR,
            "adding a stored generated column rewrites the whole table under an ACCESS EXCLUSIVE lock",
            "add a plain nullable column, fill it by a trigger and a batched backfill"),
    /** A UNIQUE or PRIMARY KEY constraint that builds its index under lock. */
    ADD_UNIQUE_CONSTRAINT(
            "add-unique-constraint",
            Severity.ERROR,
            "adding a UNIQUE or PRIMARY KEY constraint builds its index while blocking writes",
            "CREATE UNIQUE INDEX CONCURRENTLY in its own file, then ADD CONSTRAINT … UNIQUE USING INDEX"),
    /** An exclusion constraint on an existing table. */
    ADD_EXCLUSION_CONSTRAINT(
            "add-exclusion-constraint",
            Severity.ERROR,
            "adding an exclusion constraint builds its index and scans the table under an ACCESS EXCLUSIVE lock",
            "add it while the table is new, or in a maintenance window; it cannot be built concurrently"),
    /** REINDEX without CONCURRENTLY. */
    REINDEX_NON_CONCURRENT(
            "reindex-non-concurrent",
            Severity.ERROR,
            "REINDEX blocks writes to the table (and reads that use the index) until it finishes",
            "use REINDEX … CONCURRENTLY alone in its own migration file with executeInTransaction=false in the file's"
                    + " .sql.conf (Flyway runs REINDEX … CONCURRENTLY in a transaction otherwise, and it fails there)"),
    /** CLUSTER, VACUUM FULL, SET TABLESPACE and SET ACCESS METHOD. */
    TABLE_MAINTENANCE(
            "table-maintenance",
            Severity.ERROR,
            "CLUSTER, VACUUM FULL, SET TABLESPACE and SET ACCESS METHOD rewrite the whole table (an index: copy it)"
                    + " under an ACCESS EXCLUSIVE lock, blocking reads and writes",
            "keep table maintenance out of migrations: run pg_repack or pg_squeeze, which hold the lock only"
                    + " briefly, or run it in a maintenance window"),
    /** REFRESH MATERIALIZED VIEW without CONCURRENTLY. */
    REFRESH_MATERIALIZED_VIEW(
            "refresh-materialized-view",
            Severity.ERROR,
            "REFRESH MATERIALIZED VIEW takes an ACCESS EXCLUSIVE lock on the view: every read of it waits while"
                    + " its query runs",
            "give the view a unique index and use REFRESH MATERIALIZED VIEW CONCURRENTLY, which lets reads go on"),
    /** DETACH PARTITION without CONCURRENTLY. */
    DETACH_PARTITION(
            "detach-partition",
            Severity.ERROR,
            "DETACH PARTITION takes an ACCESS EXCLUSIVE lock on the partitioned table: every query on it waits",
            "on PostgreSQL 14+ use DETACH PARTITION … CONCURRENTLY alone in its own migration file with"
                    + " executeInTransaction=false in the file's .sql.conf (Flyway runs it in a transaction otherwise,"
                    + " and it fails there)"),
    /** ATTACH PARTITION of an existing table without a CHECK implying the bound. */
    ATTACH_PARTITION(
            "attach-partition",
            Severity.ERROR,
            "ATTACH PARTITION reads every row of the attached table under an ACCESS EXCLUSIVE lock to check the"
                    + " partition bound",
            "first ADD a CHECK constraint matching the bound NOT VALID and VALIDATE it in a later migration; ATTACH"
                    + " then skips the scan (drop the CHECK afterwards)"),
    /** A constraint added to or validated on a domain that columns use. */
    DOMAIN_CONSTRAINT(
            "domain-constraint",
            Severity.ERROR,
            "ALTER DOMAIN … ADD CONSTRAINT, VALIDATE CONSTRAINT and SET NOT NULL read every row of every table with"
                    + " a column of the domain under a SHARE lock, blocking their writes (NOT VALID does not help: the"
                    + " domain's VALIDATE takes the same lock)",
            "put the CHECK on the columns instead (ADD CONSTRAINT … CHECK (…) NOT VALID, then VALIDATE CONSTRAINT in"
                    + " a later migration), or constrain a new domain before any column uses it"),
    /** Renaming a schema. */
    RENAME_SCHEMA(
            "rename-schema",
            Severity.ERROR,
            "renaming a schema moves every table of the app: the deployed code, which names the old schema, breaks",
            "keep the schema name; to move an app, create the new schema and its tables, migrate the code, and drop"
                    + " the old schema in a later release"),
    /** A backfill in the transaction that locked the table. */
    BACKFILL_UNDER_LOCK(
            "backfill-under-lock",
            Severity.ERROR,
            "this UPDATE, DELETE or INSERT … SELECT runs in the transaction that took a lock blocking writes (or"
                    + " reads) on the table: the lock is held while every row is written",
            "move the backfill into its own migration file (its own transaction), in batches"),
    /** Dropping a database. */
    DROP_DATABASE(
            "drop-database",
            Severity.ERROR,
            "DROP DATABASE removes a whole logical database, every app's tables in it included",
            "never drop a database from a migration; retire it by hand once no service declares it"),
    /** A statement that reaches beyond the migrated database: roles, databases, server settings, programs. */
    CLUSTER_STATEMENT(
            "cluster-statement",
            Severity.ERROR,
            "roles, databases, the server's configuration and the database host are shared by every database on"
                    + " the server: a migration that changes them fails under a least-privilege owner role and, run"
                    + " as a superuser, reaches far beyond the app it migrates (CREATE/ALTER/DROP ROLE, USER or"
                    + " GROUP, CREATE DATABASE, ALTER SYSTEM, COPY … PROGRAM, an untrusted extension)",
            "provision roles and databases with routing init-db or dev-setup (or the infrastructure's own code),"
                    + " set server parameters in the server's configuration, load files with COPY … FROM STDIN,"
                    + " and have an administrator create an untrusted extension once, outside the migrations"),
    /** SET LOGGED / SET UNLOGGED. */
    SET_LOGGED_UNLOGGED(
            "set-logged-unlogged",
            Severity.ERROR,
            "SET LOGGED/UNLOGGED rewrites the whole table under an ACCESS EXCLUSIVE lock",
            "create the table with the wanted persistence, or run this in a maintenance window"),
    /** BEGIN/COMMIT inside a file Flyway already runs in a transaction. */
    TRANSACTION_NESTING(
            "transaction-nesting",
            Severity.ERROR,
            "Flyway already runs this file in a transaction: BEGIN/COMMIT inside it breaks Flyway's rollback",
            "remove BEGIN/COMMIT/ROLLBACK; Flyway makes the whole file one transaction"),
    /** A lock-taking statement without lock_timeout. */
    LOCK_TIMEOUT_MISSING(
            "lock-timeout-missing",
            Severity.WARNING,
            "without lock_timeout a statement waiting for its lock blocks every query queued behind it",
            "start the file with SET lock_timeout = '5s' (or let the migration runner set it)"),
    /** A file mixing non-transactional statements with others. */
    FLYWAY_MIXED_TRANSACTIONAL(
            "flyway-mixed-transactional",
            Severity.ERROR,
            "Flyway refuses a file that mixes statements it runs outside a transaction (CREATE INDEX CONCURRENTLY,"
                    + " VACUUM, …) with others",
            "move the non-transactional statement into its own migration file (or let the runner set mixed=true, which"
                    + " runs the whole file without a transaction)"),
    /** CONCURRENTLY while Flyway holds its transactional lock. */
    FLYWAY_CIC_TRANSACTIONAL_LOCK(
            "flyway-cic-transactional-lock",
            Severity.ERROR,
            "with Flyway's PostgreSQL transactional lock on, CONCURRENTLY waits for Flyway's own transaction forever",
            "turn off flyway.postgresql.transactional.lock for this runner (approuting's migrator does)"),
    /** Traced: a statement rewrote a table that existed before the file. */
    TABLE_REWRITE(
            "table-rewrite",
            Severity.ERROR,
            "the traced run saw the statement rewrite a table that existed before (a new relfilenode): the table"
                    + " is locked ACCESS EXCLUSIVE while every row is copied",
            "change the column or constraint without a rewrite (see the other rules' recipes), or backfill a new"
                    + " column in batches"),
    /** Traced: the file fails on PostgreSQL. */
    MIGRATION_FAILS(
            "migration-fails",
            Severity.ERROR,
            "the traced run applied the file to a scratch database and PostgreSQL refused it: Flyway would fail",
            "fix the statement PostgreSQL names; run the migrations against a fresh database to check"),
    /** Strict seed: a new column that is not nullable-and-defaulted. */
    STRICT_SEED_COLUMN(
            "strict-seed-column",
            Severity.ERROR,
            "strict seed mode: a new column on an existing table must be nullable and have a default",
            "add the column nullable with a default; tighten it to NOT NULL in a later release after a backfill"),
    /** A suppression comment without a reason or naming an unknown rule. */
    INVALID_SUPPRESSION(
            "invalid-suppression",
            Severity.ERROR,
            "a suppression comment must name known rules and give a reason",
            "write -- routing:ignore <rule> reason: <why this is safe here>");

    private final String id;
    private final Severity defaultSeverity;
    private final String reason;
    private final String fix;

    LintRule(String id, Severity defaultSeverity, String reason, String fix) {
        this.id = id;
        this.defaultSeverity = defaultSeverity;
        this.reason = reason;
        this.fix = fix;
    }

    /** Returns the rule id, e.g. {@code drop-column}. */
    public String id() {
        return id;
    }

    /** Returns the severity used unless the configuration overrides it. */
    public Severity defaultSeverity() {
        return defaultSeverity;
    }

    /** Returns why the rule matters, in one line. */
    public String reason() {
        return reason;
    }

    /** Returns the safe recipe. */
    public String fix() {
        return fix;
    }

    /**
     * Returns whether only the traced run ({@link MigrationLinter.Builder#trace}) reports this rule,
     * from what it saw PostgreSQL do.
     */
    public boolean traced() {
        return this == TABLE_REWRITE || this == MIGRATION_FAILS;
    }

    /**
     * Finds a rule by id.
     *
     * @param id a rule id such as {@code drop-column}
     * @return the rule, or empty for an unknown id
     */
    public static Optional<LintRule> byId(String id) {
        return Arrays.stream(values()).filter(r -> r.id.equals(id)).findFirst();
    }

    /** Returns {@code " (did you mean 'x'?)"} when a rule id is close to {@code id}, else an empty string. */
    public static String didYouMean(String id) {
        return Text.didYouMean(id, Arrays.stream(values()).map(LintRule::id).toList());
    }
}
