package dev.approuting.lint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.approuting.lint.internal.FlywayTransactions;
import dev.approuting.lint.internal.LockTable;
import dev.approuting.lint.internal.LockTable.Row;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keeps the generated parts of {@code docs/safe-migrations.md} — every rule with its lock levels,
 * PostgreSQL versions and recipe, the lock table and the corpus figures — in agreement with the lock
 * table, the rules and the corpus. Run with {@code -Dapprouting.docs.write=true} to rewrite them.
 */
class SafeMigrationsDocTest {
    private static final Path DOC = Path.of("..", "docs", "safe-migrations.md");

    @Test
    void theGeneratedSectionsMatchTheLockTableTheRulesAndTheCorpus(@TempDir Path dir) throws IOException {
        String doc = Files.readString(DOC, StandardCharsets.UTF_8);
        String updated = replace(doc, "rules", rules());
        updated = replace(updated, "lock-table", lockTable());
        updated = replace(updated, "flyway", flyway());
        updated = replace(updated, "corpus", corpus(Corpus.score(dir)));
        if (Boolean.getBoolean("approuting.docs.write")) {
            Files.writeString(DOC, updated, StandardCharsets.UTF_8);
            return;
        }
        assertThat(doc)
                .as(DOC + " is out of date: ./mvnw -o -B -pl routing-lint -am test -Dtest=SafeMigrationsDocTest"
                        + " -Dsurefire.failIfNoSpecifiedTests=false -Dapprouting.docs.write=true")
                .isEqualTo(updated);
    }

    /** Replaces what lies between {@code <!-- generated:NAME -->} and {@code <!-- end:NAME -->}. */
    private static String replace(String doc, String name, String content) {
        String begin = "<!-- generated:" + name + " (from routing-lint's lock table; SafeMigrationsDocTest) -->\n";
        String end = "<!-- end:" + name + " -->";
        int from = doc.indexOf(begin);
        int to = doc.indexOf(end);
        assertThat(from).as(DOC + " has no '" + begin.strip() + "' marker").isNotNegative();
        assertThat(to).as(DOC + " has no '" + end + "' marker").isGreaterThan(from);
        return doc.substring(0, from + begin.length()) + content + doc.substring(to);
    }

    static String rules() {
        LockTable table = LockTable.get();
        StringBuilder out = new StringBuilder();
        out.append("| rule | severity | lock | what it does while locked | PostgreSQL | why | safe recipe |\n");
        out.append("| --- | --- | --- | --- | --- | --- | --- |\n");
        for (LintRule rule : LintRule.values()) {
            List<Row> rows = rule == LintRule.FAILS_IN_TRANSACTION
                    ? table.rows().stream().filter(r -> !r.inTransaction()).toList()
                    : table.rowsOf(rule);
            String locks = rows.isEmpty() || rule == LintRule.FAILS_IN_TRANSACTION
                    ? "—"
                    : distinct(rows.stream().map(Row::lock).toList());
            String effects = rows.isEmpty() || rule == LintRule.FAILS_IN_TRANSACTION
                    ? "—"
                    : distinct(rows.stream().map(r -> r.effect().words()).toList());
            out.append("| `")
                    .append(rule.id())
                    .append("` | ")
                    .append(rule.defaultSeverity().name().toLowerCase(Locale.ROOT))
                    .append(rule.traced() ? " (traced)" : "")
                    .append(" | ")
                    .append(locks)
                    .append(" | ")
                    .append(effects)
                    .append(" | ")
                    .append(rows.isEmpty() ? "all" : versions(rows))
                    .append(" | ")
                    .append(cell(rule.reason()))
                    .append(" | ")
                    .append(cell(rule.fix()))
                    .append(" |\n");
        }
        return out.toString();
    }

    static String lockTable() {
        StringBuilder out = new StringBuilder();
        out.append("| command form | lock | while locked | in a transaction | PostgreSQL | rule | documentation |\n");
        out.append("| --- | --- | --- | --- | --- | --- | --- |\n");
        for (Row row : LockTable.get().rows()) {
            out.append("| ")
                    .append(cell(row.form()))
                    .append(row.note() == null ? "" : "<br>" + cell(row.note()))
                    .append(" | ")
                    .append(row.lock())
                    .append(row.also() == null ? "" : "<br>(" + cell(row.also()) + ")")
                    .append(" | ")
                    .append(row.effect().words())
                    .append(" | ")
                    .append(row.inTransaction() ? "yes" : "**no**")
                    .append(" | ")
                    .append(row.versions())
                    .append(" | ")
                    .append(row.rule() == null ? "—" : "`" + row.rule().id() + "`")
                    .append(" | [")
                    .append(row.doc().replaceAll("#.*", ""))
                    .append("](")
                    .append(row.docUrl())
                    .append(") |\n");
        }
        return out.toString();
    }

    static String flyway() {
        FlywayTransactions model = FlywayTransactions.shipped();
        StringBuilder out = new StringBuilder();
        out.append("Flyway ")
                .append(model.version())
                .append(" reads a statement's first keywords (unquoted words of letters and `_`, outside"
                        + " parentheses, not part of a qualified name), upper-cased and joined by spaces, and after"
                        + " each one matches the words so far, as a whole, against these patterns; the first match"
                        + " runs the statement outside a transaction, and after ")
                .append(model.cutoff())
                .append(" keywords it stops looking:\n\n");
        model.nonTransactionalPatterns()
                .forEach(p -> out.append("- `").append(p).append("`\n"));
        model.nonTransactionalBefore12Patterns()
                .forEach(p -> out.append("- `").append(p).append("` (PostgreSQL 11 and older only)\n"));
        out.append("\nForms PostgreSQL refuses inside a transaction block that Flyway ")
                .append(model.version())
                .append(" runs in one, so that the migration fails unless its `.sql.conf` says"
                        + " `executeInTransaction=false`:\n\n");
        List<String> missed = new ArrayList<>();
        for (Row row : LockTable.get().rows()) {
            String probe = row.probe();
            if (!row.inTransaction()
                    && probe != null
                    && model.canExecuteInTransaction(probe, 17).contains(true)) {
                missed.add("- " + row.form() + " (`" + row.id() + "`)");
            }
        }
        out.append(String.join("\n", missed)).append('\n');
        return out.toString();
    }

    static String corpus(Corpus.Score score) {
        return "Measured on the corpus of " + score.outcomes().size() + " migrations (" + score.unsafe() + " unsafe, "
                + score.safe() + " safe) by `CorpusScoreTest`:\n\n" + score.table();
    }

    private static String distinct(List<String> values) {
        Set<String> set = new LinkedHashSet<>(values);
        return set.stream().map(SafeMigrationsDocTest::cell).collect(Collectors.joining("<br>"));
    }

    private static String versions(List<Row> rows) {
        int since = rows.stream().mapToInt(Row::since).min().orElse(13);
        int until = rows.stream().mapToInt(Row::until).max().orElse(Integer.MAX_VALUE);
        return until == Integer.MAX_VALUE ? since + "+" : since + "–" + until;
    }

    private static String cell(String text) {
        return text.replace("|", "\\|");
    }
}
