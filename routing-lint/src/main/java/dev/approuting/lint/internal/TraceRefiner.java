package dev.approuting.lint.internal;

import dev.approuting.lint.FileReport;
import dev.approuting.lint.FileTrace;
import dev.approuting.lint.FileTrace.SchemaChange;
import dev.approuting.lint.FileTrace.StatementTrace;
import dev.approuting.lint.Finding;
import dev.approuting.lint.LintRule;
import dev.approuting.lint.Severity;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Confirms or refines the static findings of one file with what the traced run saw: a rewrite or a read
 * of every row the static engine predicted but PostgreSQL did not do becomes a warning (a validated
 * constraint from an earlier migration, which the scratch database has, lets PostgreSQL skip a scan), a
 * rewrite it missed becomes a {@code table-rewrite} finding; drops, renames and NOT NULL columns hidden from the parser (dynamic SQL
 * in a {@code DO} block) are reported; {@code lock-timeout-missing} follows the session's real
 * {@code lock_timeout}.
 */
public final class TraceRefiner {
    private static final Logger log = LoggerFactory.getLogger(TraceRefiner.class);
    /** Rules whose reason is a table rewrite. */
    private static final Set<LintRule> REWRITE_RULES = Set.of(
            LintRule.VOLATILE_DEFAULT,
            LintRule.ALTER_COLUMN_TYPE,
            LintRule.ADD_GENERATED_STORED_COLUMN,
            LintRule.SET_LOGGED_UNLOGGED);
    /**
     * Rules whose reason is a read of every row under a lock: when the traced run saw no such read (a
     * validated constraint the database knows made PostgreSQL skip it), the finding becomes a warning.
     */
    private static final Set<LintRule> SCAN_RULES = Set.of(
            LintRule.SET_NOT_NULL,
            LintRule.ADD_CHECK_CONSTRAINT_VALIDATED,
            LintRule.ATTACH_PARTITION,
            LintRule.DOMAIN_CONSTRAINT);
    /** Rules that already tell of a rewrite, so that no {@code table-rewrite} is added next to them. */
    private static final Set<LintRule> EXPLAINS_REWRITE = Set.of(
            LintRule.VOLATILE_DEFAULT,
            LintRule.ALTER_COLUMN_TYPE,
            LintRule.ADD_GENERATED_STORED_COLUMN,
            LintRule.SET_LOGGED_UNLOGGED,
            LintRule.TABLE_MAINTENANCE,
            LintRule.REFRESH_MATERIALIZED_VIEW,
            LintRule.TRUNCATE,
            LintRule.TABLE_REWRITE);

    private final LintSettings settings;
    private final LintedFile file;
    private final FileTrace trace;
    private final String on;
    private final List<Finding> findings = new ArrayList<>();

    private TraceRefiner(LintSettings settings, LintedFile file, FileTrace trace, String server) {
        this.settings = settings;
        this.file = file;
        this.trace = trace;
        this.on = "traced on " + server;
    }

    /**
     * Returns the file's report with the static findings refined and the trace attached.
     *
     * @param settings what to report
     * @param file the file after the static rules
     * @param trace what the traced run saw, or null when the file was not traced
     * @param server the server traced on, for messages
     */
    public static FileReport refine(LintSettings settings, LintedFile file, @Nullable FileTrace trace, String server) {
        if (trace == null) {
            return file.report();
        }
        return new TraceRefiner(settings, file, trace, server).run();
    }

    /**
     * Returns the static report of a file the traced run could not reach because an earlier migration of
     * its history failed on PostgreSQL, with a {@code migration-fails} finding saying so.
     *
     * @param settings what to report
     * @param file the file after the static rules
     * @param failure the earlier file and PostgreSQL's error
     * @param server the server traced on, for messages
     */
    public static FileReport untraced(LintSettings settings, LintedFile file, String failure, String server) {
        FileReport report = file.report();
        if (file.statements().isEmpty() || settings.excludedRules().contains(LintRule.MIGRATION_FAILS)) {
            return report;
        }
        LintedFile.Statement first = file.statements().get(0);
        List<Finding> findings = new ArrayList<>(report.findings());
        findings.add(new Finding(
                LintRule.MIGRATION_FAILS,
                settings.severityOf(LintRule.MIGRATION_FAILS),
                first.line(),
                first.column(),
                first.text(),
                "traced on " + server + ": the earlier migration " + failure + " failed, so this file was not"
                        + " traced; fix that migration first",
                LintRule.MIGRATION_FAILS.fix()));
        findings.sort(Comparator.comparingInt(Finding::line).thenComparingInt(Finding::column));
        return new FileReport(report.path(), report.statements(), findings);
    }

    private FileReport run() {
        for (Finding f : file.report().findings()) {
            refineStatic(f);
        }
        for (int i = 0; i < trace.statements().size(); i++) {
            observe(file.statements().get(i), trace.statements().get(i));
        }
        String error = trace.error();
        if (error != null && trace.statements().size() < file.statements().size()) {
            LintedFile.Statement failing =
                    file.statements().get(trace.statements().size());
            add(failing, LintRule.MIGRATION_FAILS, on + ": PostgreSQL refused the file at " + error, true);
        }
        findings.sort(Comparator.comparingInt(Finding::line).thenComparingInt(Finding::column));
        FileReport report = file.report();
        return new FileReport(report.path(), report.statements(), findings, trace);
    }

    private void refineStatic(Finding f) {
        int i = indexOf(f);
        StatementTrace st = i < trace.statements().size() ? trace.statements().get(i) : null;
        if (st == null) {
            findings.add(f);
            return;
        }
        if (REWRITE_RULES.contains(f.rule())) {
            if (st.rewritten().isEmpty()) {
                findings.add(with(
                        f, Severity.WARNING, f.message() + "; " + on + ": no table rewrite, so it is only a warning"));
            } else {
                findings.add(with(
                        f,
                        f.severity(),
                        f.message() + "; " + on + ": confirmed, rewrote " + String.join(", ", st.rewritten())));
            }
        } else if (SCAN_RULES.contains(f.rule()) && trace.inTransaction() && f.severity() == Severity.ERROR) {
            if (st.scanned().isEmpty()) {
                findings.add(with(
                        f,
                        Severity.WARNING,
                        f.message() + "; " + on + ": no row was read (the database knows a validated constraint that"
                                + " proves it), so it is only a warning"));
            } else {
                findings.add(with(
                        f,
                        f.severity(),
                        f.message() + "; " + on + ": confirmed, read every row of " + String.join(", ", st.scanned())));
            }
        } else if (f.rule() == LintRule.LOCK_TIMEOUT_MISSING
                && !st.lockTimeout().equals("0")) {
            log.debug("trace: lock-timeout-missing dropped, lock_timeout was {}", st.lockTimeout());
        } else {
            findings.add(f);
        }
    }

    private void observe(LintedFile.Statement statement, StatementTrace st) {
        if (!st.rewritten().isEmpty() && !has(statement, EXPLAINS_REWRITE)) {
            add(
                    statement,
                    LintRule.TABLE_REWRITE,
                    on + ": rewrote " + String.join(", ", st.rewritten()) + " (new relfilenode), copying every row"
                            + " under an ACCESS EXCLUSIVE lock",
                    true);
        }
        for (SchemaChange change : st.changes()) {
            String table = lastPart(change.table());
            String column = change.column() == null ? "" : change.column();
            switch (change.kind()) {
                case COLUMN_DROPPED ->
                    missed(
                            statement,
                            LintRule.DROP_COLUMN,
                            on + ": dropped column " + change.table() + "." + column
                                    + " that the deployed code may still use",
                            used(m -> m.usesColumn(table, column)));
                case COLUMN_RENAMED ->
                    missed(
                            statement,
                            LintRule.RENAME_COLUMN,
                            on + ": renamed column " + change.table() + "." + change.detail()
                                    + ": the deployed code still uses " + column,
                            used(m -> m.usesColumn(table, column)));
                case TABLE_DROPPED ->
                    missed(
                            statement,
                            LintRule.DROP_TABLE,
                            on + ": dropped table " + change.table() + " that the deployed code may still use",
                            used(m -> m.usesTable(table)));
                case TABLE_RENAMED ->
                    missed(
                            statement,
                            LintRule.RENAME_TABLE,
                            on + ": renamed table " + change.detail() + ": the deployed code still uses "
                                    + change.table(),
                            used(m -> m.usesTable(table)));
                case COLUMN_ADDED -> {
                    if (Tracer.notNullWithoutDefault(change.detail())) {
                        missed(
                                statement,
                                LintRule.ADD_COLUMN_NOT_NULL_NO_DEFAULT,
                                on + ": added NOT NULL column " + change.table() + "." + column + " without a default:"
                                        + " the deployed code's inserts fail",
                                true);
                    }
                }
                default -> {}
            }
        }
        if (!settings.runnerSetsLockTimeout()
                && st.lockTimeout().equals("0")
                && findings.stream().noneMatch(f -> f.rule() == LintRule.LOCK_TIMEOUT_MISSING)) {
            st.locks().stream()
                    .filter(l -> l.existing() && l.blocksWrites())
                    .findFirst()
                    .ifPresent(l -> add(
                            statement,
                            LintRule.LOCK_TIMEOUT_MISSING,
                            on + ": took " + l.mode() + " on " + l.table() + " with lock_timeout = 0",
                            true));
        }
    }

    private boolean used(Predicate<DeployedModel> uses) {
        DeployedModel model = settings.deployedModel();
        return model == null || uses.test(model);
    }

    /** Adds a finding the static engine missed for this statement. */
    private void missed(LintedFile.Statement statement, LintRule rule, String message, boolean used) {
        if (!has(statement, Set.of(rule))) {
            add(statement, rule, message, used);
        }
    }

    private void add(LintedFile.Statement statement, LintRule rule, String message, boolean used) {
        if (settings.excludedRules().contains(rule) || statement.suppressed().contains(rule)) {
            return;
        }
        Severity severity = used ? settings.severityOf(rule) : Severity.WARNING;
        findings.add(new Finding(
                rule,
                severity,
                statement.line(),
                statement.column(),
                statement.text(),
                used ? message : message + LintEngine.UNUSED_BY_MODEL,
                rule.fix()));
    }

    private boolean has(LintedFile.Statement statement, Set<LintRule> rules) {
        int index = file.statements().indexOf(statement);
        return findings.stream().anyMatch(f -> rules.contains(f.rule()) && indexOf(f) == index);
    }

    /** The top-level statement a finding belongs to: the last one starting at or before it. */
    private int indexOf(Finding f) {
        int index = 0;
        List<LintedFile.Statement> statements = file.statements();
        for (int i = 0; i < statements.size(); i++) {
            LintedFile.Statement s = statements.get(i);
            if (s.line() < f.line() || (s.line() == f.line() && s.column() <= f.column())) {
                index = i;
            }
        }
        return index;
    }

    private static Finding with(Finding f, Severity severity, String message) {
        return new Finding(f.rule(), severity, f.line(), f.column(), f.statement(), message, f.fix());
    }

    private static String lastPart(String qualified) {
        return qualified.substring(qualified.lastIndexOf('.') + 1);
    }
}
