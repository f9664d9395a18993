package dev.approuting.lint.internal;

import dev.approuting.core.ErrorCode;
import dev.approuting.core.RoutingException;
import dev.approuting.lint.FileReport;
import dev.approuting.lint.FileTrace.TableLock;
import dev.approuting.lint.Finding;
import dev.approuting.lint.LintRule;
import dev.approuting.lint.Severity;
import dev.approuting.lint.internal.LockTable.Row;
import dev.approuting.lint.internal.Stmt.Action;
import dev.approuting.lint.internal.Stmt.Column;
import dev.approuting.lint.internal.Stmt.Constraint;
import dev.approuting.lint.internal.Stmt.ConstraintKind;
import dev.approuting.lint.internal.Stmt.TypeName;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * The static rules, applied to one file after another. Lock levels, effects and whether a command may run
 * in a transaction come from the {@link LockTable}; whether Flyway runs a file in a transaction from
 * {@link FlywayTransactions}.
 */
public final class LintEngine {
    private static final Set<String> SERIAL_TYPES = Set.of("serial", "bigserial", "smallserial");
    /** Words followed by a parenthesis that are syntax (or a type), not a function call. */
    private static final Set<String> NOT_CALLS = Set.of(
            "cast",
            "coalesce",
            "nullif",
            "greatest",
            "least",
            "array",
            "row",
            "extract",
            "overlay",
            "position",
            "substring",
            "trim",
            "exists",
            "in",
            "any",
            "all",
            "some",
            "values",
            "interval",
            "timestamp",
            "timestamptz",
            "time",
            "character",
            "char",
            "varchar",
            "decimal",
            "numeric",
            "float",
            "bit",
            "and",
            "or",
            "not",
            "as",
            "then",
            "else",
            "when",
            "case");

    /** Appended to a drop or rename the deployed model shows to be harmless. */
    public static final String UNUSED_BY_MODEL =
            " (the deployed model does not use it: the deployed code cannot break)";

    private static final LockTable TABLE = LockTable.get();

    private final LintSettings settings;
    private final FlywayTransactions flyway = FlywayTransactions.shipped();
    private final Map<String, Catalog> catalogs = new HashMap<>();

    /**
     * Creates an engine.
     *
     * @param settings what to report
     */
    public LintEngine(LintSettings settings) {
        this.settings = settings;
    }

    /**
     * Lints one file. Files of one migration folder must come in Flyway order: what earlier files
     * built (column types, validated checks) informs later ones.
     *
     * @param path the file's name in reports
     * @param folder the migration folder the file belongs to
     * @param sql the file's content
     * @param executeInTransaction the {@code .sql.conf} override, or null without one
     * @return the file's findings
     * @throws RoutingException ({@link ErrorCode#MIGRATION_FAILED}) when the file cannot be tokenized
     */
    public FileReport lint(String path, String folder, String sql, @Nullable Boolean executeInTransaction) {
        return lintFile(path, folder, sql, executeInTransaction).report();
    }

    /**
     * Lints one file like {@link #lint} and also returns how Flyway runs it and its statements.
     *
     * @throws RoutingException ({@link ErrorCode#MIGRATION_FAILED}) when the file cannot be tokenized, holds
     *     a NUL character, or is over {@link MigrationFiles#MAX_BYTES}
     */
    public LintedFile lintFile(String path, String folder, String sql, @Nullable Boolean executeInTransaction) {
        if (sql.length() > MigrationFiles.MAX_BYTES) {
            throw MigrationFiles.tooLarge(path, sql.length() + " characters");
        }
        StatementParser.Script script;
        try {
            script = StatementParser.parseScript(sql);
        } catch (SqlSyntaxException e) {
            throw RoutingException.of(
                    ErrorCode.MIGRATION_FAILED,
                    path + ":" + e.line() + ":" + e.column() + ": " + e.getMessage() + "; " + e.fix(),
                    e);
        }
        return run(path, folder, script, executeInTransaction, true);
    }

    /**
     * Reads a file of the applied history (an earlier migration of the folder that is not linted itself):
     * what it builds informs the files linted after it, and it reports nothing. A file that does not
     * tokenize is skipped.
     *
     * @return the file, as the traced run applies it, or empty when it does not tokenize
     */
    public Optional<LintedFile> absorb(String folder, String sql, @Nullable Boolean executeInTransaction) {
        if (sql.length() > MigrationFiles.MAX_BYTES) {
            return Optional.empty();
        }
        try {
            return Optional.of(run("", folder, StatementParser.parseScript(sql), executeInTransaction, false));
        } catch (SqlSyntaxException e) {
            return Optional.empty();
        }
    }

    private LintedFile run(
            String path,
            String folder,
            StatementParser.Script script,
            @Nullable Boolean executeInTransaction,
            boolean reporting) {
        Catalog catalog = catalogs.computeIfAbsent(folder, f -> new Catalog());
        FileRun run = new FileRun(settings, flyway, catalog, script, executeInTransaction, reporting);
        run.run();
        return new LintedFile(
                new FileReport(path, run.statementCount, run.findings), run.fileInTransaction, run.topLevel);
    }

    /** Checks one file; state lives only as long as the file. */
    private static final class FileRun {
        private final LintSettings settings;
        private final FlywayTransactions flyway;
        private final Catalog catalog;
        private final StatementParser.Script script;
        private final @Nullable Boolean executeInTransactionOverride;
        private final boolean reporting;
        private final List<Finding> findings = new ArrayList<>();
        private final List<LintedFile.Statement> topLevel = new ArrayList<>();
        private final Set<LintRule> fileSuppressed = EnumSet.noneOf(LintRule.class);
        private final Set<String> createdTables = new HashSet<>();
        private final Set<String> createdIndexes = new HashSet<>();
        private final Set<String> createdSchemas = new HashSet<>();
        private final Set<String> createdTypes = new HashSet<>();
        private final Set<String> addedColumns = new HashSet<>();
        private final Set<String> addedNotNullWithDefault = new HashSet<>();
        private final Map<String, ConstraintKind> notValidConstraints = new HashMap<>();
        /** Locks the current transaction holds on tables that existed before the file: table → mode. */
        private final Map<String, String> held = new HashMap<>();
        /** Enum values added in the current transaction: value → type. */
        private final Map<String, String> addedEnumValues = new HashMap<>();

        private int statementCount;
        private boolean fileInTransaction;
        private boolean flywayMissesNonTransactional;
        private boolean wrapper;
        private boolean explicitTransaction;
        private boolean lockTimeoutSet;
        private boolean lockTimeoutReported;
        private Set<LintRule> suppressed = EnumSet.noneOf(LintRule.class);
        private @Nullable ParsedStatement current;

        FileRun(
                LintSettings settings,
                FlywayTransactions flyway,
                Catalog catalog,
                StatementParser.Script script,
                @Nullable Boolean executeInTransactionOverride,
                boolean reporting) {
            this.settings = settings;
            this.flyway = flyway;
            this.catalog = catalog;
            this.script = script;
            this.executeInTransactionOverride = executeInTransactionOverride;
            this.reporting = reporting;
        }

        void run() {
            for (Token comment : script.comments()) {
                Suppression.parse(comment).filter(Suppression::fileLevel).ifPresent(s -> accept(s, fileSuppressed));
            }
            decideTransaction();
            wrapper = wrappedInBeginCommit();
            for (ParsedStatement statement : script.statements()) {
                suppressed = EnumSet.noneOf(LintRule.class);
                statementSuppressions(statement);
                Set<LintRule> all = EnumSet.copyOf(suppressed);
                all.addAll(fileSuppressed);
                topLevel.add(new LintedFile.Statement(
                        statement.line(), statement.column(), statement.raw().text(), all));
                check(statement, false);
                if (!inTransaction(false)) {
                    endTransaction();
                }
            }
        }

        private void accept(Suppression suppression, Set<LintRule> into) {
            if (suppression.problem() != null) {
                if (reporting) {
                    findings.add(new Finding(
                            LintRule.INVALID_SUPPRESSION,
                            settings.severityOf(LintRule.INVALID_SUPPRESSION),
                            suppression.comment().line(),
                            suppression.comment().column(),
                            "--" + suppression.comment().text(),
                            suppression.problem(),
                            LintRule.INVALID_SUPPRESSION.fix()));
                }
            } else {
                into.addAll(suppression.rules());
            }
        }

        private void statementSuppressions(ParsedStatement statement) {
            for (Token comment : statement.raw().comments()) {
                Suppression.parse(comment).filter(s -> !s.fileLevel()).ifPresent(s -> accept(s, suppressed));
            }
        }

        /**
         * Models Flyway: one transaction per file, unless every statement is one its parser marks
         * non-transactional; a file with both kinds is refused unless {@code mixed} is on.
         */
        private void decideTransaction() {
            ParsedStatement firstNonTransactional = null;
            boolean hasTransactional = false;
            for (ParsedStatement s : script.statements()) {
                if (flyway.canExecuteInTransaction(s.raw().tokens(), settings.pgVersion())) {
                    hasTransactional = true;
                } else if (firstNonTransactional == null) {
                    firstNonTransactional = s;
                }
            }
            if (executeInTransactionOverride != null) {
                fileInTransaction = executeInTransactionOverride;
                return;
            }
            if (firstNonTransactional == null) {
                fileInTransaction = true;
                flywayMissesNonTransactional = true;
                return;
            }
            fileInTransaction = false;
            if (hasTransactional && !settings.mixed()) {
                current = firstNonTransactional;
                statementSuppressions(firstNonTransactional);
                report(
                        LintRule.FLYWAY_MIXED_TRANSACTIONAL,
                        "this file mixes a statement Flyway " + flyway.version() + " runs outside a transaction"
                                + " with others: Flyway refuses to run it (split the file, or set mixed=true)");
                suppressed = EnumSet.noneOf(LintRule.class);
            }
        }

        /** Whether the file is BEGIN …; … COMMIT with no other transaction control. */
        private boolean wrappedInBeginCommit() {
            List<ParsedStatement> statements = script.statements();
            if (statements.size() < 2) {
                return false;
            }
            int control = 0;
            for (ParsedStatement s : statements) {
                if (s.stmt() instanceof Stmt.TransactionControl) {
                    control++;
                }
            }
            return control == 2
                    && statements.get(0).stmt() instanceof Stmt.TransactionControl first
                    && first.begins()
                    && statements.get(statements.size() - 1).stmt() instanceof Stmt.TransactionControl last
                    && !last.begins();
        }

        private void report(LintRule rule, String message) {
            report(rule, message, settings.severityOf(rule));
        }

        /**
         * Reports a drop or rename; when the deployed model does not use the object, only as a
         * warning, since the deployed code cannot break on it.
         */
        private void reportUnlessUnused(LintRule rule, String message, boolean used) {
            DeployedModel model = settings.deployedModel();
            if (model == null || used) {
                report(rule, message);
            } else {
                report(rule, message + UNUSED_BY_MODEL, Severity.WARNING);
            }
        }

        private void report(LintRule rule, String message, Severity severity) {
            if (!reporting
                    || settings.excludedRules().contains(rule)
                    || suppressed.contains(rule)
                    || fileSuppressed.contains(rule)) {
                return;
            }
            ParsedStatement s = current;
            if (s == null) {
                return;
            }
            findings.add(
                    new Finding(rule, severity, s.line(), s.column(), s.raw().text(), message, rule.fix()));
        }

        /** Reports a row's rule on {@code table}: the lock and what the command does come from the table. */
        private void reportRow(Row row, String what, String table) {
            LintRule rule = row.rule();
            if (rule != null) {
                report(rule, what + " on " + table + " takes " + takes(row.lock(), row) + suffix(row));
            }
        }

        private static String suffix(Row row) {
            return row.note() == null ? "" : " (" + row.note() + ")";
        }

        private boolean used(Predicate<DeployedModel> uses) {
            DeployedModel model = settings.deployedModel();
            return model == null || uses.test(model);
        }

        private boolean existing(String table) {
            return !createdTables.contains(table);
        }

        private boolean inTransaction(boolean insideDo) {
            return fileInTransaction || explicitTransaction || insideDo;
        }

        private void endTransaction() {
            held.clear();
            addedEnumValues.clear();
        }

        /** Records a lock the current statement takes on a table that existed before the file. */
        private void took(String table, String mode) {
            if (!existing(table) || mode.equals("none")) {
                return;
            }
            if (TableLock.strength(mode) >= TableLock.strength("SHARE")) {
                needsLockTimeout();
            }
            held.merge(table, mode, (a, b) -> TableLock.strength(a) >= TableLock.strength(b) ? a : b);
        }

        private void took(String table, Row row) {
            took(table, row.lock());
        }

        private void check(ParsedStatement statement, boolean insideDo) {
            current = statement;
            statementCount++;
            Stmt stmt = statement.stmt();
            checkRunsInTransaction(statement, insideDo);
            checkUsesNewEnumValue(statement);
            ClusterStatements.describe(statement.raw().tokens())
                    .ifPresent(what -> report(LintRule.CLUSTER_STATEMENT, what));
            if (stmt instanceof Stmt.AlterTable at) {
                alterTable(at, insideDo);
            } else if (stmt instanceof Stmt.CreateTable ct) {
                createTable(ct);
            } else if (stmt instanceof Stmt.CreateIndex ci) {
                createIndex(ci, insideDo);
            } else if (stmt instanceof Stmt.DropIndex di) {
                dropIndex(di, insideDo);
            } else if (stmt instanceof Stmt.Create c) {
                create(c);
            } else if (stmt instanceof Stmt.CreateDomain cd) {
                createdTypes.add(cd.name());
                catalog.putDomain(cd.name(), cd.base(), cd.constrained());
            } else if (stmt instanceof Stmt.CreateFunction cf) {
                catalog.putFunction(cf.name(), cf.volatility());
            } else if (stmt instanceof Stmt.Drop d) {
                drop(d);
            } else if (stmt instanceof Stmt.Truncate t) {
                for (String table : t.tables()) {
                    if (existing(table)) {
                        took(table, TABLE.row("truncate"));
                        report(
                                LintRule.TRUNCATE,
                                "TRUNCATE " + table + " deletes every row the deployed code relies on");
                    }
                }
            } else if (stmt instanceof Stmt.Reindex r) {
                reindex(r, insideDo);
            } else if (stmt instanceof Stmt.RenameEnumValue r) {
                if (!createdTypes.contains(r.type())) {
                    report(
                            LintRule.RENAME_ENUM_VALUE,
                            "renames a value of enum " + r.type() + " that the deployed code still uses");
                }
            } else if (stmt instanceof Stmt.AddEnumValue a) {
                if (inTransaction(insideDo)) {
                    addedEnumValues.put(a.value(), a.type());
                }
            } else if (stmt instanceof Stmt.AlterDomain ad) {
                alterDomain(ad);
            } else if (stmt instanceof Stmt.RenameSchema rs) {
                if (!createdSchemas.contains(rs.schema())) {
                    reportUnlessUnused(
                            LintRule.RENAME_SCHEMA,
                            "renames schema " + rs.schema() + " to " + rs.to()
                                    + ": every table in it moves, and the deployed code still names " + rs.schema(),
                            used(m -> m.usesSchema(rs.schema())));
                }
                createdSchemas.add(rs.to());
            } else if (stmt instanceof Stmt.Dml dml) {
                backfill(dml);
            } else if (stmt instanceof Stmt.Command command) {
                command(command);
            } else if (stmt instanceof Stmt.TransactionControl tc) {
                transactionControl(tc, insideDo);
            } else if (stmt instanceof Stmt.SetLockTimeout st) {
                lockTimeoutSet = st.enabled();
            } else if (stmt instanceof Stmt.DoBlock d) {
                for (ParsedStatement inner : d.body()) {
                    Set<LintRule> outer = suppressed;
                    suppressed = EnumSet.copyOf(outer);
                    statementSuppressions(inner);
                    check(inner, true);
                    suppressed = outer;
                }
                current = statement;
            }
        }

        private void transactionControl(Stmt.TransactionControl tc, boolean insideDo) {
            if (fileInTransaction || insideDo) {
                if (wrapper && !insideDo) {
                    if (tc.begins()) {
                        report(
                                LintRule.TRANSACTION_NESTING,
                                "BEGIN … COMMIT around the whole file repeats the transaction Flyway already runs it"
                                        + " in (PostgreSQL warns and Flyway's own commit finds none)",
                                Severity.WARNING);
                    }
                } else {
                    report(
                            LintRule.TRANSACTION_NESTING,
                            "transaction control inside a file Flyway already runs in a transaction: the statements"
                                    + " after it no longer roll back with the file");
                }
            } else {
                explicitTransaction = tc.begins();
                if (!tc.begins()) {
                    endTransaction();
                }
            }
        }

        /** Reports a statement PostgreSQL refuses inside a transaction block when it will run in one. */
        private void checkRunsInTransaction(ParsedStatement statement, boolean insideDo) {
            if (!inTransaction(insideDo)) {
                return;
            }
            if (statement.stmt() instanceof Stmt.AddEnumValue && settings.pgVersion() < 12) {
                report(
                        LintRule.FAILS_IN_TRANSACTION,
                        "ALTER TYPE … ADD VALUE cannot run inside a transaction block before PostgreSQL 12, and runs"
                                + " inside one: the migration fails");
                return;
            }
            for (Row row : rowsOf(statement.stmt())) {
                if (row.inTransaction()) {
                    continue;
                }
                String what = statementWords(statement);
                String where;
                if (insideDo) {
                    where = "a DO block, which runs as a function";
                } else if (explicitTransaction || (wrapper && fileInTransaction)) {
                    where = "an explicit BEGIN … COMMIT";
                } else if (executeInTransactionOverride != null) {
                    where = "the transaction executeInTransaction=true in the file's .sql.conf asks for";
                } else if (flywayMissesNonTransactional) {
                    where = "the transaction Flyway " + flyway.version() + " runs this file in (its parser does not"
                            + " recognise the statement as non-transactional)";
                } else {
                    where = "the transaction this file runs in";
                }
                boolean index = statement.stmt() instanceof Stmt.CreateIndex
                        || statement.stmt() instanceof Stmt.DropIndex
                        || (statement.stmt() instanceof Stmt.Reindex r && r.concurrently());
                report(
                        index ? LintRule.CONCURRENT_INDEX_IN_TRANSACTION : LintRule.FAILS_IN_TRANSACTION,
                        what + " cannot run inside a transaction block, and runs inside " + where
                                + ": the migration fails");
                return;
            }
        }

        /** Reports the use of an enum value added in the same transaction (SQLState 55P04). */
        private void checkUsesNewEnumValue(ParsedStatement statement) {
            if (addedEnumValues.isEmpty() || statement.stmt() instanceof Stmt.AddEnumValue) {
                return;
            }
            for (Token t : statement.raw().tokens()) {
                String type = t.type() == TokenType.STRING ? addedEnumValues.get(t.text()) : null;
                if (type != null) {
                    report(
                            LintRule.FAILS_IN_TRANSACTION,
                            "uses the value '" + t.text() + "' added to enum " + type + " in the same transaction:"
                                    + " PostgreSQL refuses it (unsafe use of new value, SQLState 55P04)");
                    return;
                }
            }
        }

        /** The lock table rows a statement's form maps to, for the transaction check. */
        private List<Row> rowsOf(Stmt stmt) {
            if (stmt instanceof Stmt.CreateIndex ci && ci.concurrently()) {
                return List.of(TABLE.row("create-index-concurrently"));
            }
            if (stmt instanceof Stmt.DropIndex di && di.concurrently()) {
                return List.of(TABLE.row("drop-index-concurrently"));
            }
            if (stmt instanceof Stmt.Reindex r) {
                if (r.concurrently()) {
                    return List.of(TABLE.row("reindex-concurrently"));
                }
                return switch (r.kind()) {
                    case "system" -> List.of(TABLE.row("reindex-system"));
                    case "schema", "database" -> List.of(TABLE.row("reindex-schema"));
                    default -> List.of(TABLE.row("reindex"));
                };
            }
            if (stmt instanceof Stmt.Command c) {
                return List.of(TABLE.row(c.form()));
            }
            if (stmt instanceof Stmt.AlterTable at) {
                List<Row> rows = new ArrayList<>();
                for (Action a : at.actions()) {
                    if (a instanceof Stmt.DetachPartition dp && dp.concurrently()) {
                        rows.add(TABLE.row("alter-table.detach-partition-concurrently"));
                    }
                }
                return rows;
            }
            return List.of();
        }

        private static String statementWords(ParsedStatement statement) {
            List<String> words = new ArrayList<>();
            for (Token t : statement.raw().tokens()) {
                if (t.type() != TokenType.WORD || words.size() == 4) {
                    break;
                }
                words.add(t.text().toUpperCase(Locale.ROOT));
            }
            if (statement.stmt() instanceof Stmt.AlterTable) {
                return "ALTER TABLE … DETACH PARTITION … CONCURRENTLY";
            }
            return String.join(" ", words);
        }

        private void needsLockTimeout() {
            if (!settings.runnerSetsLockTimeout() && !lockTimeoutSet && !lockTimeoutReported) {
                lockTimeoutReported = true;
                report(
                        LintRule.LOCK_TIMEOUT_MISSING,
                        "this statement takes a strong lock on an existing table and no lock_timeout is set before it");
            }
        }

        private void concurrently(String what, boolean insideDo) {
            if (settings.transactionalLock() && !inTransaction(insideDo)) {
                report(
                        LintRule.FLYWAY_CIC_TRANSACTIONAL_LOCK,
                        what + " CONCURRENTLY hangs while Flyway holds its transactional lock");
            }
        }

        private void createTable(Stmt.CreateTable ct) {
            String parent = ct.partitionOf();
            if (parent != null) {
                took(parent, TABLE.row("create-table.partition-of"));
            }
            createdTables.add(ct.table());
            catalog.createTable(ct.table());
            Set<String> primaryKey = new HashSet<>();
            for (Constraint c : ct.constraints()) {
                if (c.kind() == ConstraintKind.PRIMARY_KEY) {
                    primaryKey.addAll(c.columns());
                }
            }
            for (Column c : ct.columns()) {
                catalog.putColumn(
                        ct.table(),
                        c.name(),
                        c.type(),
                        c.notNull()
                                || c.identity()
                                || SERIAL_TYPES.contains(c.type().base())
                                || primaryKey.contains(c.name()));
            }
            for (Constraint c : ct.constraints()) {
                if (c.kind() == ConstraintKind.CHECK && c.name() != null) {
                    catalog.addCheck(c.name(), ct.table(), c.notNullColumn(), !c.notValid());
                }
                if ((c.kind() == ConstraintKind.UNIQUE || c.kind() == ConstraintKind.PRIMARY_KEY) && c.name() != null) {
                    catalog.putIndex(c.name(), ct.table(), c.columns());
                }
            }
        }

        private void create(Stmt.Create c) {
            switch (c.kind()) {
                case "schema" -> createdSchemas.add(c.name());
                case "type" -> createdTypes.add(c.name());
                default -> createdTables.add(c.name());
            }
        }

        private void createIndex(Stmt.CreateIndex ci, boolean insideDo) {
            if (ci.name() != null) {
                createdIndexes.add(ci.name());
                catalog.putIndex(ci.name(), ci.table(), ci.columns());
            }
            if (ci.concurrently()) {
                concurrently("CREATE INDEX", insideDo);
            } else if (ci.only()) {
                took(ci.table(), TABLE.row("create-index-only"));
            } else if (existing(ci.table())) {
                Row row = TABLE.row("create-index");
                took(ci.table(), row);
                report(
                        LintRule.CREATE_INDEX_NON_CONCURRENT,
                        "CREATE INDEX" + (ci.name() == null ? "" : " " + ci.name()) + " on existing table " + ci.table()
                                + " holds " + article(row.lock()) + " " + row.lock()
                                + " lock, blocking its writes, while it "
                                + row.effect().words());
            }
        }

        private void dropIndex(Stmt.DropIndex di, boolean insideDo) {
            if (di.concurrently()) {
                concurrently("DROP INDEX", insideDo);
                return;
            }
            Row row = TABLE.row("drop-index");
            for (String index : di.names()) {
                Optional<String> table = catalog.tableOfIndex(index);
                boolean newTable = table.map(t -> !existing(t)).orElse(false);
                if (!createdIndexes.contains(index) && !newTable) {
                    table.ifPresentOrElse(t -> took(t, row), this::needsLockTimeout);
                    report(
                            LintRule.DROP_INDEX_NON_CONCURRENT,
                            "DROP INDEX " + index + " takes an " + row.lock()
                                    + " lock on its table, waiting behind every running query");
                }
            }
        }

        private void reindex(Stmt.Reindex r, boolean insideDo) {
            if (r.concurrently()) {
                concurrently("REINDEX", insideDo);
                return;
            }
            boolean newTarget = (r.kind().equals("table") && !existing(r.name()))
                    || (r.kind().equals("index") && createdIndexes.contains(r.name()))
                    || r.kind().equals("system");
            if (!newTarget) {
                Row row = Set.of("schema", "database", "system").contains(r.kind())
                        ? TABLE.row("reindex-schema")
                        : TABLE.row("reindex");
                if (r.kind().equals("table")) {
                    took(r.name(), row);
                } else {
                    catalog.tableOfIndex(r.name()).ifPresentOrElse(t -> took(t, row), this::needsLockTimeout);
                }
                report(
                        LintRule.REINDEX_NON_CONCURRENT,
                        "REINDEX " + r.kind().toUpperCase(Locale.ROOT) + " " + r.name() + " takes "
                                + takes(row.lock(), row) + ", blocking writes until it finishes"
                                + (settings.pgVersion() < 12
                                        ? " (PostgreSQL < 12 has no REINDEX"
                                                + " CONCURRENTLY: build a new index concurrently instead)"
                                        : ""));
            }
        }

        private void drop(Stmt.Drop d) {
            for (String name : d.names()) {
                if (d.kind().equals("table")) {
                    if (existing(name)) {
                        took(name, TABLE.row("drop-table"));
                        reportUnlessUnused(
                                LintRule.DROP_TABLE,
                                "drops table " + name + " that the deployed code may still use",
                                used(m -> m.usesTable(name)));
                    }
                    createdTables.remove(name);
                    catalog.dropTable(name);
                } else if (d.kind().equals("schema") && !createdSchemas.contains(name)) {
                    reportUnlessUnused(
                            LintRule.DROP_SCHEMA,
                            "drops schema " + name + " and its tables that the deployed code may still use",
                            used(m -> m.usesSchema(name)));
                }
            }
        }

        private void command(Stmt.Command c) {
            Row row = TABLE.row(c.form());
            String lock = c.lock() == null ? row.lock() : c.lock();
            if (row.rule() == LintRule.DROP_DATABASE) {
                report(
                        LintRule.DROP_DATABASE,
                        "DROP DATABASE " + String.join(", ", c.targets())
                                + " removes a whole database, every app's tables in it included");
                return;
            }
            if (c.targets().isEmpty() && row.rule() != null) {
                needsLockTimeout();
                report(
                        row.rule(),
                        c.what() + " takes " + takes(lock, row) + " on every table it acts on" + suffix(row));
                return;
            }
            for (String target : c.targets()) {
                if (existing(target) && !createdIndexes.contains(target)) {
                    took(target, lock);
                    reportRow(row, c.what(), target);
                }
            }
        }

        private void backfill(Stmt.Dml dml) {
            String mode = held.get(dml.table());
            if (mode != null && TableLock.strength(mode) >= TableLock.strength("SHARE")) {
                report(
                        LintRule.BACKFILL_UNDER_LOCK,
                        dml.verb() + " " + dml.table() + " runs in the transaction that holds " + article(mode) + " "
                                + mode + " lock on " + dml.table() + " ("
                                + (TableLock.strength(mode) == 8
                                        ? "blocking its reads and writes"
                                        : "blocking its writes")
                                + ") until every row is written");
            }
        }

        private void alterDomain(Stmt.AlterDomain ad) {
            Row row = TABLE.row(ad.form());
            if (row.rule() == null || createdTypes.contains(ad.domain())) {
                return;
            }
            boolean knownUnused = catalog.domains().containsKey(ad.domain()) && !catalog.anyColumnOfType(ad.domain());
            if (knownUnused) {
                return;
            }
            needsLockTimeout();
            String what = switch (ad.form()) {
                case "alter-domain.add-constraint" -> "ADD CONSTRAINT";
                case "alter-domain.validate-constraint" -> "VALIDATE CONSTRAINT";
                default -> "SET NOT NULL";
            };
            report(
                    row.rule(),
                    "ALTER DOMAIN " + ad.domain() + " " + what + " takes a " + row.lock() + " lock on every table"
                            + " with a column of the domain and reads every row of each, blocking their writes");
        }

        private void alterTable(Stmt.AlterTable at, boolean insideDo) {
            String table = at.table();
            boolean existing = existing(table);
            for (Action action : at.actions()) {
                if (action instanceof Stmt.AddColumn ac) {
                    addColumn(table, existing, ac.column());
                } else if (action instanceof Stmt.DropColumn dc) {
                    took(table, TABLE.row("alter-table.drop-column"));
                    if (existing && !addedColumns.contains(table + "." + dc.column())) {
                        reportUnlessUnused(
                                LintRule.DROP_COLUMN,
                                "drops column " + table + "." + dc.column() + " that the deployed code may still use",
                                used(m -> m.usesColumn(table, dc.column())));
                    }
                    catalog.dropColumn(table, dc.column());
                } else if (action instanceof Stmt.AlterColumnType act) {
                    alterColumnType(table, existing, act);
                } else if (action instanceof Stmt.SetDefault) {
                    took(table, TABLE.row("alter-table.set-default"));
                } else if (action instanceof Stmt.DropDefault dd) {
                    took(table, TABLE.row("alter-table.set-default"));
                    dropDefault(table, dd.column());
                } else if (action instanceof Stmt.SetNotNull sn) {
                    setNotNull(table, existing, sn.column());
                } else if (action instanceof Stmt.DropNotNull dn) {
                    took(table, TABLE.row("alter-table.drop-not-null"));
                    dropNotNull(table, existing, dn.column());
                    catalog.setNotNull(table, dn.column(), false);
                } else if (action instanceof Stmt.AddConstraint ac) {
                    addConstraint(table, existing, ac.constraint());
                } else if (action instanceof Stmt.ValidateConstraint vc) {
                    took(table, TABLE.row("alter-table.validate-constraint"));
                    validate(table, vc.name(), insideDo);
                } else if (action instanceof Stmt.DropConstraint dc) {
                    took(table, TABLE.row("alter-table.drop-constraint"));
                    catalog.dropConstraint(dc.name());
                } else if (action instanceof Stmt.RenameColumn rc) {
                    took(table, TABLE.row("alter-table.rename-column"));
                    if (existing && !addedColumns.contains(table + "." + rc.from())) {
                        reportUnlessUnused(
                                LintRule.RENAME_COLUMN,
                                "renames " + table + "." + rc.from() + " to " + rc.to()
                                        + ": the deployed code still uses " + rc.from(),
                                used(m -> m.usesColumn(table, rc.from())));
                    }
                    catalog.renameColumn(table, rc.from(), rc.to());
                } else if (action instanceof Stmt.RenameTable rt) {
                    took(table, TABLE.row("alter-table.rename"));
                    if (existing) {
                        reportUnlessUnused(
                                LintRule.RENAME_TABLE,
                                "renames table " + table + " to " + rt.to() + ": the deployed code still uses " + table,
                                used(m -> m.usesTable(table)));
                    } else {
                        createdTables.add(rt.to());
                    }
                    catalog.renameTable(table, rt.to());
                } else if (action instanceof Stmt.SetSchema ss) {
                    took(table, TABLE.row("alter-table.set-schema"));
                    if (existing) {
                        reportUnlessUnused(
                                LintRule.RENAME_TABLE,
                                "moves table " + table + " to schema " + ss.schema()
                                        + ": the deployed code still looks for it where it was",
                                used(m -> m.usesTable(table)));
                    }
                } else if (action instanceof Stmt.SetLogged sl) {
                    took(table, TABLE.row("alter-table.set-logged"));
                    if (existing) {
                        report(
                                LintRule.SET_LOGGED_UNLOGGED,
                                "SET " + (sl.logged() ? "LOGGED" : "UNLOGGED") + " rewrites table " + table
                                        + " under an ACCESS EXCLUSIVE lock");
                    }
                } else if (action instanceof Stmt.AttachPartition ap) {
                    attachPartition(table, ap.partition());
                } else if (action instanceof Stmt.DetachPartition dp) {
                    detachPartition(table, existing, dp);
                } else if (action instanceof Stmt.TableAction ta) {
                    Row row = TABLE.row(ta.form());
                    took(table, row);
                    if (existing) {
                        reportRow(row, ta.what(), table);
                    }
                }
            }
        }

        private void attachPartition(String parent, String partition) {
            Row row = TABLE.row("alter-table.attach-partition");
            took(parent, "SHARE UPDATE EXCLUSIVE");
            took(partition, row);
            if (existing(partition) && !catalog.hasValidatedCheck(partition)) {
                report(
                        LintRule.ATTACH_PARTITION,
                        "ATTACH PARTITION " + partition + " to " + parent + " takes an " + row.lock() + " lock on "
                                + partition + " and " + row.effect().words() + " of it to check the bound: no"
                                + " validated CHECK constraint on " + partition + " is known to imply it");
            }
        }

        private void detachPartition(String table, boolean existing, Stmt.DetachPartition dp) {
            if (dp.concurrently()) {
                took(table, TABLE.row("alter-table.detach-partition-concurrently"));
                return;
            }
            if (dp.finalizes()) {
                return;
            }
            Row row = TABLE.row("alter-table.detach-partition");
            took(table, row);
            if (existing) {
                report(
                        LintRule.DETACH_PARTITION,
                        "DETACH PARTITION " + dp.partition() + " takes an " + row.lock() + " lock on " + table
                                + ": every query on it waits"
                                + (settings.pgVersion() < 14
                                        ? " (PostgreSQL " + settings.pgVersion() + " has no DETACH PARTITION …"
                                                + " CONCURRENTLY: detach in a maintenance window)"
                                        : ""));
            }
        }

        private void addColumn(String table, boolean existing, Column c) {
            String key = table + "." + c.name();
            boolean serial = SERIAL_TYPES.contains(c.type().base());
            catalog.putColumn(table, c.name(), c.type(), c.notNull() || c.identity() || serial);
            took(table, TABLE.row("alter-table.add-column"));
            if (c.unique()) {
                catalog.putIndex(table + "_" + c.name() + "_key", table, List.of(c.name()));
            }
            if (!existing) {
                return;
            }
            addedColumns.add(key);
            boolean hasDefault = c.defaultExpr() != null && !isNull(c.defaultExpr());
            if (c.notNull() && hasDefault) {
                addedNotNullWithDefault.add(key);
            }
            if (c.generatedStored()) {
                report(
                        LintRule.ADD_GENERATED_STORED_COLUMN,
                        "adds stored generated column " + key + ": "
                                + TABLE.row("alter-table.add-column-generated-stored")
                                        .describe());
            } else if (c.generatedVirtual() && settings.pgVersion() < 18) {
                report(
                        LintRule.ADD_GENERATED_STORED_COLUMN,
                        "adds generated column " + key + " without STORED: PostgreSQL " + settings.pgVersion()
                                + " refuses it, and a STORED one rewrites the table (virtual columns need 18)");
            } else if (c.notNull() && !hasDefault && !c.identity() && !c.generatedVirtual() && !serial) {
                report(
                        LintRule.ADD_COLUMN_NOT_NULL_NO_DEFAULT,
                        "adds NOT NULL column " + key
                                + " without a default: fails on a non-empty table and breaks the deployed code's inserts");
            } else if (settings.strictSeed() && (c.notNull() || c.defaultExpr() == null)) {
                report(
                        LintRule.STRICT_SEED_COLUMN,
                        "adds column " + key + (c.notNull() ? " as NOT NULL" : " without a default")
                                + ": strict seed mode wants new columns nullable and defaulted");
            }
            if (c.type().base().equals("json")) {
                report(
                        LintRule.ADD_JSON_COLUMN,
                        "adds json column " + key + ": json has no equality operator, so the deployed code's SELECT"
                                + " DISTINCT, UNION and GROUP BY over " + table + "'s rows start failing");
            }
            String volatileWhy = volatileDefault(c);
            if (volatileWhy != null) {
                report(
                        LintRule.VOLATILE_DEFAULT,
                        "adds column " + key + " " + volatileWhy + ": the table is rewritten under an ACCESS EXCLUSIVE"
                                + " lock");
            }
            if (c.references() && hasDefault) {
                Row row = TABLE.row("alter-table.add-column-references-default");
                report(
                        LintRule.ADD_FK_VALIDATED,
                        "adds column " + key + " with a default and REFERENCES: the foreign key "
                                + row.effect().words() + " under an " + row.lock() + " lock ("
                                + Optional.ofNullable(row.also()).orElse("") + ")");
            }
            if (c.unique()) {
                report(
                        LintRule.ADD_UNIQUE_CONSTRAINT,
                        "adds column " + key + " with UNIQUE/PRIMARY KEY: its index is built while reads and writes"
                                + " are blocked ("
                                + TABLE.row("alter-table.add-column-unique").lock() + ")");
            }
            if (c.check()) {
                report(
                        LintRule.ADD_CHECK_CONSTRAINT_VALIDATED,
                        "adds column " + key + " with a CHECK that is validated under an "
                                + TABLE.row("alter-table.add-column-check").lock() + " lock, reading every row");
            }
        }

        private static boolean isNull(@Nullable List<Token> expr) {
            return expr != null && expr.size() == 1 && expr.get(0).is("null");
        }

        private @Nullable String volatileDefault(Column c) {
            if (SERIAL_TYPES.contains(c.type().base())) {
                return "of type " + c.type().base() + " (a nextval() default for every row)";
            }
            if (c.identity()) {
                return "as an identity column (a value for every row)";
            }
            List<Token> expr = c.defaultExpr();
            if (expr == null || c.generatedStored() || isNull(expr)) {
                return null;
            }
            if (settings.pgVersion() < 11) {
                return "with a default (PostgreSQL " + settings.pgVersion() + " rewrites for any default; 11+ does not"
                        + " for constant ones)";
            }
            for (int i = 0; i + 1 < expr.size(); i++) {
                Token t = expr.get(i);
                boolean call = t.isName()
                        && expr.get(i + 1).isSymbol("(")
                        && (i == 0
                                || !(expr.get(i - 1).isSymbol("::")
                                        || expr.get(i - 1).is("as")));
                String fn = t.identifier();
                if (!call || (t.type() == TokenType.WORD && NOT_CALLS.contains(fn))) {
                    continue;
                }
                Optional<String> volatility =
                        catalog.functionVolatility(fn).or(() -> BuiltIns.volatility(fn, settings.pgVersion()));
                if (volatility.isEmpty()) {
                    return "with default " + fn + "(), a function the migrations do not create as IMMUTABLE or"
                            + " STABLE (PostgreSQL's default is VOLATILE: evaluated for every row)";
                }
                if (volatility.get().equals("volatile")) {
                    return "with volatile default " + fn + "()";
                }
            }
            return null;
        }

        private void alterColumnType(String table, boolean existing, Stmt.AlterColumnType act) {
            TypeName old = catalog.columnType(table, act.column()).orElse(null);
            catalog.retype(table, act.column(), act.type());
            took(table, TABLE.row("alter-table.alter-column-type"));
            if (!existing) {
                return;
            }
            String key = table + "." + act.column();
            if (act.using()) {
                report(
                        LintRule.ALTER_COLUMN_TYPE,
                        "changes the type of " + key + " to " + act.type() + " with a USING expression that changes"
                                + " the values: the table is rewritten under an ACCESS EXCLUSIVE lock");
                return;
            }
            if (old == null) {
                report(
                        LintRule.ALTER_COLUMN_TYPE,
                        "changes the type of " + key + " to " + act.type() + "; its current type is unknown (the"
                                + " column was not created in the linted files or their history), so the change may"
                                + " rewrite the table");
                return;
            }
            TypeChanges.Verdict verdict = TypeChanges.judge(old, act.type(), catalog.domains());
            switch (verdict) {
                case REWRITE ->
                    report(
                            LintRule.ALTER_COLUMN_TYPE,
                            "changes the type of " + key + " from " + old + " to " + act.type() + ": "
                                    + TABLE.row("alter-table.alter-column-type").describe()
                                    + ", and the deployed code may break");
                case REWRITE_UNLESS_UTC ->
                    report(
                            LintRule.ALTER_COLUMN_TYPE,
                            "changes the type of " + key + " from " + old + " to " + act.type() + ": no rewrite when"
                                    + " the migrating session's TimeZone is UTC, a rewrite of every row otherwise"
                                    + " (check the runner's time zone, or trace it)",
                            Severity.WARNING);
                case NO_REWRITE -> {
                    boolean indexed = catalog.indexed(table, act.column());
                    Row row = TABLE.row("alter-table.alter-column-type-collation");
                    if (act.collate() != null && indexed) {
                        report(
                                LintRule.ALTER_COLUMN_TYPE,
                                "changes the collation of " + key + " to " + act.collate() + ": its indexes are"
                                        + " rebuilt under an " + row.lock() + " lock");
                    } else if (indexed && !TypeChanges.keepsIndexes(old, act.type())) {
                        report(
                                LintRule.ALTER_COLUMN_TYPE,
                                "changes the type of " + key + " from " + old + " to " + act.type() + " without a"
                                        + " rewrite, but its indexes, which sort the new type differently, are rebuilt"
                                        + " under an " + row.lock() + " lock");
                    }
                }
            }
        }

        private void dropDefault(String table, String column) {
            if (addedNotNullWithDefault.contains(table + "." + column)) {
                report(
                        LintRule.ADD_COLUMN_NOT_NULL_NO_DEFAULT,
                        "drops the default of NOT NULL column " + table + "." + column
                                + " added in this file: the deployed code's inserts, which do not know it, fail");
            }
        }

        private void dropNotNull(String table, boolean existing, String column) {
            if (existing && !addedColumns.contains(table + "." + column)) {
                report(
                        LintRule.DROP_NOT_NULL,
                        "drops NOT NULL on " + table + "." + column + ": the deployed code may not expect nulls there");
            }
        }

        private void setNotNull(String table, boolean existing, String column) {
            took(table, TABLE.row("alter-table.set-not-null"));
            boolean viaCheck = catalog.hasValidatedNotNullCheck(table, column);
            catalog.setNotNull(table, column, true);
            if (!existing || (viaCheck && settings.pgVersion() >= 12)) {
                return;
            }
            Row row = TABLE.row("alter-table.set-not-null");
            report(
                    LintRule.SET_NOT_NULL,
                    "SET NOT NULL on " + table + "." + column + " "
                            + row.effect().words() + " under an " + row.lock()
                            + " lock"
                            + (viaCheck
                                    ? " (PostgreSQL " + settings.pgVersion()
                                            + " ignores the validated CHECK; 12+ uses it)"
                                    : ": no validated CHECK (" + column + " IS NOT NULL) precedes it"));
        }

        private void addConstraint(String table, boolean existing, Constraint c) {
            String name = c.name() == null ? "" : " " + c.name();
            if (c.kind() == ConstraintKind.CHECK && c.name() != null) {
                catalog.addCheck(c.name(), table, c.notNullColumn(), !c.notValid());
            }
            if (c.notValid() && c.name() != null) {
                notValidConstraints.put(c.name(), c.kind());
            }
            String usingIndex = c.usingIndex();
            if ((c.kind() == ConstraintKind.UNIQUE || c.kind() == ConstraintKind.PRIMARY_KEY)
                    && c.name() != null
                    && usingIndex == null) {
                catalog.putIndex(c.name(), table, c.columns());
            }
            took(
                    table,
                    c.kind() == ConstraintKind.FOREIGN_KEY
                            ? TABLE.row("alter-table.add-foreign-key")
                            : TABLE.row("alter-table.add-check"));
            if (!existing) {
                if (c.kind() == ConstraintKind.PRIMARY_KEY) {
                    primaryKeyColumns(c).forEach(col -> catalog.setNotNull(table, col, true));
                }
                return;
            }
            switch (c.kind()) {
                case FOREIGN_KEY -> {
                    if (!c.notValid()) {
                        Row row = TABLE.row("alter-table.add-foreign-key");
                        report(
                                LintRule.ADD_FK_VALIDATED,
                                "adds foreign key" + name + " on " + table + " without NOT VALID: "
                                        + row.effect().words() + " under a " + row.lock() + " lock on both tables");
                    }
                }
                case CHECK -> {
                    if (!c.notValid()) {
                        Row row = TABLE.row("alter-table.add-check");
                        report(
                                LintRule.ADD_CHECK_CONSTRAINT_VALIDATED,
                                "adds CHECK constraint" + name + " on " + table + " without NOT VALID: "
                                        + row.effect().words() + " under an " + row.lock() + " lock");
                    }
                }
                case NOT_NULL -> {
                    String column = c.notNullColumn();
                    if (!c.notValid() && column != null) {
                        setNotNull(table, true, column);
                    }
                }
                case UNIQUE, PRIMARY_KEY -> {
                    if (usingIndex == null) {
                        report(
                                LintRule.ADD_UNIQUE_CONSTRAINT,
                                "adds " + (c.kind() == ConstraintKind.UNIQUE ? "UNIQUE" : "PRIMARY KEY") + " constraint"
                                        + name + " on " + table + " without USING INDEX: its index is built under an "
                                        + TABLE.row("alter-table.add-unique").lock() + " lock");
                    } else if (c.kind() == ConstraintKind.PRIMARY_KEY) {
                        primaryKeyOverNullable(table, c);
                    }
                }
                case EXCLUDE ->
                    report(
                            LintRule.ADD_EXCLUSION_CONSTRAINT,
                            "adds exclusion constraint" + name + " on " + table + ": index built and table scanned"
                                    + " under an "
                                    + TABLE.row("alter-table.add-exclusion").lock() + " lock");
                case OTHER -> {}
            }
        }

        private List<String> primaryKeyColumns(Constraint c) {
            String index = c.usingIndex();
            if (index != null) {
                return catalog.columnsOfIndex(index).orElse(List.of());
            }
            return c.columns();
        }

        /** A primary key makes its columns NOT NULL: over a nullable column that reads every row. */
        private void primaryKeyOverNullable(String table, Constraint c) {
            Row row = TABLE.row("alter-table.add-primary-key-nullable");
            List<String> columns = primaryKeyColumns(c);
            boolean unknown = columns.isEmpty()
                    || columns.stream()
                            .anyMatch(col -> catalog.column(table, col).isEmpty());
            if (unknown) {
                report(
                        LintRule.SET_NOT_NULL,
                        "adds PRIMARY KEY USING INDEX " + c.usingIndex() + " on " + table + ", over columns the linted"
                                + " files and their history do not define: if one allows nulls, PostgreSQL makes it NOT"
                                + " NULL, which " + row.effect().words() + " under an " + row.lock() + " lock",
                        Severity.WARNING);
            }
            for (String column : columns) {
                Optional<Catalog.ColumnInfo> info = catalog.column(table, column);
                boolean nullable = info.isPresent() && !info.get().notNull();
                boolean checked = catalog.hasValidatedNotNullCheck(table, column) && settings.pgVersion() >= 12;
                if (nullable && !checked) {
                    report(
                            LintRule.SET_NOT_NULL,
                            "adds PRIMARY KEY over " + table + "." + column + ", which allows nulls: PostgreSQL makes"
                                    + " it NOT NULL, which " + row.effect().words() + " under an " + row.lock()
                                    + " lock");
                }
                catalog.setNotNull(table, column, true);
            }
        }

        private void validate(String table, String constraint, boolean insideDo) {
            catalog.validate(constraint);
            ConstraintKind kind = notValidConstraints.get(constraint);
            if (kind == null || !existing(table) || !inTransaction(insideDo)) {
                return;
            }
            LintRule rule = kind == ConstraintKind.FOREIGN_KEY
                    ? LintRule.ADD_FK_VALIDATED
                    : kind == ConstraintKind.CHECK || kind == ConstraintKind.NOT_NULL
                            ? LintRule.ADD_CHECK_CONSTRAINT_VALIDATED
                            : null;
            if (rule != null) {
                report(
                        rule,
                        "validates " + constraint + " in the same transaction that added it NOT VALID: the lock"
                                + " taken by ADD is held during the whole validation");
            }
        }
    }

    private static String article(String lock) {
        return lock.startsWith("A") || lock.startsWith("E") ? "an" : "a";
    }

    /** {@code an ACCESS EXCLUSIVE lock, rewrites the table} or {@code no table lock}. */
    private static String takes(String lock, Row row) {
        String held = lock.equals("none") ? "no table lock" : article(lock) + " " + lock + " lock";
        return row.effect() == LockTable.Effect.NONE
                ? held
                : held + " and " + row.effect().words();
    }
}
