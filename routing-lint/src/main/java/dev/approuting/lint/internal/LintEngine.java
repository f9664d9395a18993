package dev.approuting.lint.internal;

import dev.approuting.core.ErrorCode;
import dev.approuting.core.RoutingException;
import dev.approuting.lint.FileReport;
import dev.approuting.lint.Finding;
import dev.approuting.lint.LintRule;
import dev.approuting.lint.Severity;
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
import java.util.Set;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/** The static rules, applied to one file after another. */
public final class LintEngine {
    private static final Set<String> SERIAL_TYPES = Set.of("serial", "bigserial", "smallserial");
    private static final Set<String> VOLATILE_FUNCTIONS = Set.of(
            "random",
            "gen_random_uuid",
            "uuid_generate_v1",
            "uuid_generate_v1mc",
            "uuid_generate_v4",
            "uuidv4",
            "uuidv7",
            "clock_timestamp",
            "timeofday",
            "nextval",
            "setseed",
            "txid_current");
    private static final Set<String> NON_VOLATILE_FUNCTIONS = Set.of(
            "now",
            "current_timestamp",
            "current_date",
            "current_time",
            "localtime",
            "localtimestamp",
            "transaction_timestamp",
            "statement_timestamp",
            "current_setting",
            "current_user",
            "session_user",
            "cast",
            "coalesce",
            "nullif",
            "greatest",
            "least",
            "array",
            "row",
            "lower",
            "upper",
            "trim",
            "concat",
            "to_char",
            "to_date",
            "to_timestamp",
            "to_jsonb",
            "to_json",
            "jsonb_build_object",
            "json_build_object",
            "jsonb_build_array",
            "json_build_array",
            "make_interval",
            "make_date",
            "interval",
            "numeric",
            "varchar",
            "char",
            "character",
            "decimal",
            "timestamp",
            "timestamptz",
            "time",
            "bit",
            "varbit",
            "abs",
            "round",
            "length",
            "md5",
            "date_trunc",
            "date_part",
            "extract",
            "format");

    /** Appended to a drop or rename the deployed model shows to be harmless. */
    public static final String UNUSED_BY_MODEL =
            " (the deployed model does not use it: the deployed code cannot break)";

    private final LintSettings settings;
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
     * @throws RoutingException ({@link ErrorCode#MIGRATION_FAILED}) when the file cannot be tokenized
     */
    public LintedFile lintFile(String path, String folder, String sql, @Nullable Boolean executeInTransaction) {
        Catalog catalog = catalogs.computeIfAbsent(folder, f -> new Catalog());
        StatementParser.Script script;
        try {
            script = StatementParser.parseScript(sql);
        } catch (SqlSyntaxException e) {
            throw RoutingException.of(
                    ErrorCode.MIGRATION_FAILED,
                    path + ":" + e.line() + ":" + e.column() + ": " + e.getMessage()
                            + "; close it (Flyway would fail on this file too)",
                    e);
        }
        FileRun run = new FileRun(settings, catalog, script, executeInTransaction);
        run.run();
        return new LintedFile(
                new FileReport(path, run.statementCount, run.findings), run.fileInTransaction, run.topLevel);
    }

    /** Checks one file; state lives only as long as the file. */
    private static final class FileRun {
        private final LintSettings settings;
        private final Catalog catalog;
        private final StatementParser.Script script;
        private final @Nullable Boolean executeInTransactionOverride;
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
        private int statementCount;
        private boolean fileInTransaction;
        private boolean explicitTransaction;
        private boolean lockTimeoutSet;
        private boolean lockTimeoutReported;
        private Set<LintRule> suppressed = EnumSet.noneOf(LintRule.class);
        private @Nullable ParsedStatement current;

        FileRun(
                LintSettings settings,
                Catalog catalog,
                StatementParser.Script script,
                @Nullable Boolean executeInTransactionOverride) {
            this.settings = settings;
            this.catalog = catalog;
            this.script = script;
            this.executeInTransactionOverride = executeInTransactionOverride;
        }

        void run() {
            for (Token comment : script.comments()) {
                Suppression.parse(comment).filter(Suppression::fileLevel).ifPresent(s -> accept(s, fileSuppressed));
            }
            decideTransaction();
            for (ParsedStatement statement : script.statements()) {
                suppressed = EnumSet.noneOf(LintRule.class);
                statementSuppressions(statement);
                Set<LintRule> all = EnumSet.copyOf(suppressed);
                all.addAll(fileSuppressed);
                topLevel.add(new LintedFile.Statement(
                        statement.line(), statement.column(), statement.raw().text(), all));
                check(statement, false);
            }
        }

        private void accept(Suppression suppression, Set<LintRule> into) {
            if (suppression.problem() != null) {
                findings.add(new Finding(
                        LintRule.INVALID_SUPPRESSION,
                        settings.severityOf(LintRule.INVALID_SUPPRESSION),
                        suppression.comment().line(),
                        suppression.comment().column(),
                        "--" + suppression.comment().text(),
                        suppression.problem(),
                        LintRule.INVALID_SUPPRESSION.fix()));
            } else {
                into.addAll(suppression.rules());
            }
        }

        private void statementSuppressions(ParsedStatement statement) {
            for (Token comment : statement.raw().comments()) {
                Suppression.parse(comment).filter(s -> !s.fileLevel()).ifPresent(s -> accept(s, suppressed));
            }
        }

        /** Models Flyway: one transaction per file, unless every statement is non-transactional. */
        private void decideTransaction() {
            ParsedStatement firstNonTransactional = null;
            boolean hasTransactional = false;
            for (ParsedStatement s : script.statements()) {
                if (nonTransactional(s.stmt())) {
                    if (firstNonTransactional == null) {
                        firstNonTransactional = s;
                    }
                } else {
                    hasTransactional = true;
                }
            }
            if (executeInTransactionOverride != null) {
                fileInTransaction = executeInTransactionOverride;
                return;
            }
            if (firstNonTransactional == null) {
                fileInTransaction = true;
                return;
            }
            fileInTransaction = false;
            if (hasTransactional && !settings.mixed()) {
                current = firstNonTransactional;
                statementSuppressions(firstNonTransactional);
                report(
                        LintRule.FLYWAY_MIXED_TRANSACTIONAL,
                        "this file mixes a non-transactional statement with others: Flyway refuses to run it"
                                + " (set mixed=true, or split the file)");
                suppressed = EnumSet.noneOf(LintRule.class);
            }
        }

        private boolean nonTransactional(Stmt stmt) {
            if (stmt instanceof Stmt.CreateIndex ci) {
                return ci.concurrently();
            }
            if (stmt instanceof Stmt.DropIndex di) {
                return di.concurrently();
            }
            if (stmt instanceof Stmt.Reindex r) {
                return r.concurrently()
                        || Set.of("schema", "database", "system").contains(r.kind());
            }
            if (stmt instanceof Stmt.AddEnumValue) {
                return settings.pgVersion() < 12;
            }
            return stmt instanceof Stmt.NonTransactional;
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
            if (settings.excludedRules().contains(rule) || suppressed.contains(rule) || fileSuppressed.contains(rule)) {
                return;
            }
            ParsedStatement s = current;
            if (s == null) {
                return;
            }
            findings.add(
                    new Finding(rule, severity, s.line(), s.column(), s.raw().text(), message, rule.fix()));
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

        private void check(ParsedStatement statement, boolean insideDo) {
            current = statement;
            statementCount++;
            Stmt stmt = statement.stmt();
            if (stmt instanceof Stmt.AlterTable at) {
                alterTable(at, insideDo);
            } else if (stmt instanceof Stmt.CreateTable ct) {
                createdTables.add(ct.table());
                catalog.createTable(ct.table());
                for (Column c : ct.columns()) {
                    catalog.putColumn(ct.table(), c.name(), c.type());
                }
                for (Constraint c : ct.constraints()) {
                    if (c.kind() == ConstraintKind.CHECK && c.notNullColumn() != null && c.name() != null) {
                        catalog.addNotNullCheck(c.name(), ct.table(), c.notNullColumn(), !c.notValid());
                    }
                }
            } else if (stmt instanceof Stmt.CreateIndex ci) {
                createIndex(ci, insideDo);
            } else if (stmt instanceof Stmt.DropIndex di) {
                dropIndex(di, insideDo);
            } else if (stmt instanceof Stmt.Create c) {
                if (c.kind().equals("schema")) {
                    createdSchemas.add(c.name());
                } else if (c.kind().equals("type")) {
                    createdTypes.add(c.name());
                } else {
                    createdTables.add(c.name());
                }
            } else if (stmt instanceof Stmt.Drop d) {
                drop(d);
            } else if (stmt instanceof Stmt.Truncate t) {
                for (String table : t.tables()) {
                    if (existing(table)) {
                        needsLockTimeout();
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
            } else if (stmt instanceof Stmt.TransactionControl tc) {
                if (fileInTransaction || insideDo) {
                    report(
                            LintRule.TRANSACTION_NESTING,
                            "transaction control inside a file Flyway already runs in a transaction");
                } else {
                    explicitTransaction = tc.begins();
                }
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
            } else if (stmt instanceof Stmt.NonTransactional nt && inTransaction(insideDo)) {
                report(
                        LintRule.FLYWAY_MIXED_TRANSACTIONAL,
                        nt.what() + " cannot run inside the transaction this file runs in");
            }
        }

        private void concurrently(String what, boolean insideDo) {
            if (inTransaction(insideDo)) {
                String where = insideDo
                        ? "a DO block"
                        : explicitTransaction
                                ? "an explicit BEGIN … COMMIT"
                                : "the transaction Flyway runs this file in";
                report(LintRule.CONCURRENT_INDEX_IN_TRANSACTION, what + " CONCURRENTLY fails inside " + where);
            }
            if (settings.transactionalLock()) {
                report(
                        LintRule.FLYWAY_CIC_TRANSACTIONAL_LOCK,
                        what + " CONCURRENTLY hangs while Flyway holds its transactional lock");
            }
        }

        private void needsLockTimeout() {
            if (!settings.runnerSetsLockTimeout() && !lockTimeoutSet && !lockTimeoutReported) {
                lockTimeoutReported = true;
                report(
                        LintRule.LOCK_TIMEOUT_MISSING,
                        "this statement takes a strong lock on an existing table and no lock_timeout is set before it");
            }
        }

        private void createIndex(Stmt.CreateIndex ci, boolean insideDo) {
            if (ci.name() != null) {
                createdIndexes.add(ci.name());
                catalog.putIndex(ci.name(), ci.table());
            }
            if (ci.concurrently()) {
                concurrently("CREATE INDEX", insideDo);
            } else if (existing(ci.table())) {
                needsLockTimeout();
                report(
                        LintRule.CREATE_INDEX_NON_CONCURRENT,
                        "CREATE INDEX" + (ci.name() == null ? "" : " " + ci.name()) + " on existing table " + ci.table()
                                + " blocks its writes while the index builds");
            }
        }

        private void dropIndex(Stmt.DropIndex di, boolean insideDo) {
            if (di.concurrently()) {
                concurrently("DROP INDEX", insideDo);
                return;
            }
            for (String index : di.names()) {
                boolean newTable =
                        catalog.tableOfIndex(index).map(t -> !existing(t)).orElse(false);
                if (!createdIndexes.contains(index) && !newTable) {
                    needsLockTimeout();
                    report(
                            LintRule.DROP_INDEX_NON_CONCURRENT,
                            "DROP INDEX " + index + " locks its table (ACCESS EXCLUSIVE) while it waits and drops");
                }
            }
        }

        private void reindex(Stmt.Reindex r, boolean insideDo) {
            if (r.concurrently()) {
                concurrently("REINDEX", insideDo);
                return;
            }
            boolean newTarget = (r.kind().equals("table") && !existing(r.name()))
                    || (r.kind().equals("index") && createdIndexes.contains(r.name()));
            if (!newTarget) {
                needsLockTimeout();
                report(
                        LintRule.REINDEX_NON_CONCURRENT,
                        "REINDEX " + r.kind().toUpperCase(Locale.ROOT) + " " + r.name() + " blocks writes until it"
                                + " finishes"
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
                        needsLockTimeout();
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

        private void alterTable(Stmt.AlterTable at, boolean insideDo) {
            String table = at.table();
            boolean existing = existing(table);
            if (existing && at.actions().stream().anyMatch(a -> !(a instanceof Stmt.OtherAction))) {
                needsLockTimeout();
            }
            for (Action action : at.actions()) {
                if (action instanceof Stmt.AddColumn ac) {
                    addColumn(table, existing, ac.column());
                } else if (action instanceof Stmt.DropColumn dc) {
                    if (existing && !addedColumns.contains(table + "." + dc.column())) {
                        reportUnlessUnused(
                                LintRule.DROP_COLUMN,
                                "drops column " + table + "." + dc.column() + " that the deployed code may still use",
                                used(m -> m.usesColumn(table, dc.column())));
                    }
                    catalog.dropColumn(table, dc.column());
                } else if (action instanceof Stmt.AlterColumnType act) {
                    alterColumnType(table, existing, act);
                } else if (action instanceof Stmt.DropDefault dd) {
                    dropDefault(table, dd.column());
                } else if (action instanceof Stmt.SetNotNull sn) {
                    setNotNull(table, existing, sn.column());
                } else if (action instanceof Stmt.DropNotNull dn) {
                    dropNotNull(table, existing, dn.column());
                } else if (action instanceof Stmt.AddConstraint ac) {
                    addConstraint(table, existing, ac.constraint());
                } else if (action instanceof Stmt.ValidateConstraint vc) {
                    validate(table, vc.name(), insideDo);
                } else if (action instanceof Stmt.RenameColumn rc) {
                    if (existing && !addedColumns.contains(table + "." + rc.from())) {
                        reportUnlessUnused(
                                LintRule.RENAME_COLUMN,
                                "renames " + table + "." + rc.from() + " to " + rc.to()
                                        + ": the deployed code still uses " + rc.from(),
                                used(m -> m.usesColumn(table, rc.from())));
                    }
                    catalog.renameColumn(table, rc.from(), rc.to());
                } else if (action instanceof Stmt.RenameTable rt) {
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
                    if (existing) {
                        reportUnlessUnused(
                                LintRule.RENAME_TABLE,
                                "moves table " + table + " to schema " + ss.schema()
                                        + ": the deployed code still looks for it where it was",
                                used(m -> m.usesTable(table)));
                    }
                } else if (action instanceof Stmt.SetLogged sl && existing) {
                    report(
                            LintRule.SET_LOGGED_UNLOGGED,
                            "SET " + (sl.logged() ? "LOGGED" : "UNLOGGED") + " rewrites table " + table);
                }
            }
        }

        private void addColumn(String table, boolean existing, Column c) {
            String key = table + "." + c.name();
            catalog.putColumn(table, c.name(), c.type());
            if (!existing) {
                return;
            }
            addedColumns.add(key);
            boolean hasDefault = c.defaultExpr() != null;
            if (c.notNull() && hasDefault) {
                addedNotNullWithDefault.add(key);
            }
            if (c.generatedStored()) {
                report(
                        LintRule.ADD_GENERATED_STORED_COLUMN,
                        "adds stored generated column " + key + ": the table is rewritten");
            } else if (c.notNull()
                    && !hasDefault
                    && !c.identity()
                    && !SERIAL_TYPES.contains(c.type().base())) {
                report(
                        LintRule.ADD_COLUMN_NOT_NULL_NO_DEFAULT,
                        "adds NOT NULL column " + key
                                + " without a default: fails on a non-empty table and breaks the deployed code's inserts");
            } else if (settings.strictSeed() && (c.notNull() || !hasDefault)) {
                report(
                        LintRule.STRICT_SEED_COLUMN,
                        "adds column " + key + (c.notNull() ? " as NOT NULL" : " without a default")
                                + ": strict seed mode wants new columns nullable and defaulted");
            }
            String volatileWhy = volatileDefault(c);
            if (volatileWhy != null) {
                report(
                        LintRule.VOLATILE_DEFAULT,
                        "adds column " + key + " " + volatileWhy + ": the table is rewritten");
            }
            if (c.references()) {
                report(
                        LintRule.ADD_FK_VALIDATED,
                        "adds column " + key + " with REFERENCES: the foreign key is validated under lock on both"
                                + " tables");
            }
            if (c.unique()) {
                report(
                        LintRule.ADD_UNIQUE_CONSTRAINT,
                        "adds column " + key + " with UNIQUE/PRIMARY KEY: its index is built while writes are blocked");
            }
            if (c.check()) {
                report(
                        LintRule.ADD_CHECK_CONSTRAINT_VALIDATED,
                        "adds column " + key + " with a CHECK that is validated under an ACCESS EXCLUSIVE lock");
            }
        }

        private @Nullable String volatileDefault(Column c) {
            if (SERIAL_TYPES.contains(c.type().base())) {
                return "of type " + c.type().base() + " (a nextval() default for every row)";
            }
            if (c.identity()) {
                return "as an identity column (a value for every row)";
            }
            List<Token> expr = c.defaultExpr();
            if (expr == null || c.generatedStored()) {
                return null;
            }
            if (settings.pgVersion() < 11 && !(expr.size() == 1 && expr.get(0).is("null"))) {
                return "with a default (PostgreSQL " + settings.pgVersion() + " rewrites for any default; 11+ does not"
                        + " for constant ones)";
            }
            for (int i = 0; i + 1 < expr.size(); i++) {
                Token t = expr.get(i);
                boolean call = t.isName()
                        && expr.get(i + 1).isSymbol("(")
                        && (i == 0 || !expr.get(i - 1).isSymbol("::"));
                if (!call) {
                    continue;
                }
                String fn = t.identifier();
                if (VOLATILE_FUNCTIONS.contains(fn)) {
                    return "with volatile default " + fn + "()";
                }
                if (!NON_VOLATILE_FUNCTIONS.contains(fn)) {
                    return "with default " + fn + "() whose volatility the linter does not know (suppress if it is"
                            + " IMMUTABLE or STABLE)";
                }
            }
            return null;
        }

        private void alterColumnType(String table, boolean existing, Stmt.AlterColumnType act) {
            TypeName old = catalog.columnType(table, act.column()).orElse(null);
            catalog.putColumn(table, act.column(), act.type());
            if (!existing) {
                return;
            }
            String key = table + "." + act.column();
            if (act.using()) {
                report(
                        LintRule.ALTER_COLUMN_TYPE,
                        "changes the type of " + key + " to " + act.type() + " with USING: the table is rewritten");
            } else if (old == null) {
                report(
                        LintRule.ALTER_COLUMN_TYPE,
                        "changes the type of " + key + " to " + act.type() + "; its current type is unknown (the"
                                + " column was not created in the linted files), so the change may rewrite the table"
                                + " (lint the whole migration folder to recognise a binary-coercible change)");
            } else if (!TypeChanges.binaryCoercible(old, act.type())) {
                report(
                        LintRule.ALTER_COLUMN_TYPE,
                        "changes the type of " + key + " from " + old + " to " + act.type()
                                + ": the table is rewritten and the deployed code may break");
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
            if (!existing) {
                return;
            }
            boolean viaCheck = catalog.hasValidatedNotNullCheck(table, column);
            if (viaCheck && settings.pgVersion() >= 12) {
                return;
            }
            report(
                    LintRule.SET_NOT_NULL,
                    "SET NOT NULL on " + table + "." + column + " scans the table under an ACCESS EXCLUSIVE lock"
                            + (viaCheck
                                    ? " (PostgreSQL " + settings.pgVersion()
                                            + " ignores the validated CHECK; 12+ uses it)"
                                    : ": no validated CHECK (" + column + " IS NOT NULL) precedes it"));
        }

        private void addConstraint(String table, boolean existing, Constraint c) {
            String name = c.name() == null ? "" : " " + c.name();
            if (c.kind() == ConstraintKind.CHECK && c.notNullColumn() != null && c.name() != null) {
                catalog.addNotNullCheck(c.name(), table, c.notNullColumn(), !c.notValid());
            }
            if (c.notValid() && c.name() != null) {
                notValidConstraints.put(c.name(), c.kind());
            }
            if (!existing) {
                return;
            }
            switch (c.kind()) {
                case FOREIGN_KEY -> {
                    if (!c.notValid()) {
                        report(
                                LintRule.ADD_FK_VALIDATED,
                                "adds foreign key" + name + " on " + table + " without NOT VALID: both tables are"
                                        + " locked while every row is checked");
                    }
                }
                case CHECK -> {
                    if (!c.notValid()) {
                        report(
                                LintRule.ADD_CHECK_CONSTRAINT_VALIDATED,
                                "adds CHECK constraint" + name + " on " + table + " without NOT VALID: the table is"
                                        + " scanned under an ACCESS EXCLUSIVE lock");
                    }
                }
                case UNIQUE, PRIMARY_KEY -> {
                    if (!c.usingIndex()) {
                        report(
                                LintRule.ADD_UNIQUE_CONSTRAINT,
                                "adds " + (c.kind() == ConstraintKind.UNIQUE ? "UNIQUE" : "PRIMARY KEY") + " constraint"
                                        + name + " on " + table + " without USING INDEX: its index is built while"
                                        + " writes are blocked");
                    }
                }
                case EXCLUDE ->
                    report(
                            LintRule.ADD_EXCLUSION_CONSTRAINT,
                            "adds exclusion constraint" + name + " on " + table + ": index built and table scanned"
                                    + " under an ACCESS EXCLUSIVE lock");
                case OTHER -> {}
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
                    : kind == ConstraintKind.CHECK ? LintRule.ADD_CHECK_CONSTRAINT_VALIDATED : null;
            if (rule != null) {
                report(
                        rule,
                        "validates " + constraint + " in the same transaction that added it NOT VALID: the lock"
                                + " taken by ADD is held during the whole validation");
            }
        }
    }
}
