package dev.approuting.compat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.approuting.lint.FileReport;
import dev.approuting.lint.FileTrace;
import dev.approuting.lint.FileTrace.StatementTrace;
import dev.approuting.lint.FileTrace.TableLock;
import dev.approuting.lint.LintReport;
import dev.approuting.lint.MigrationLinter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The traced lint on this server, over migrations whose locking and rewriting PostgreSQL changed over
 * the versions. What must hold everywhere is asserted; the lock mode and rewrite of every statement
 * are recorded ({@code difference.lint.<file>}), so the table shows where versions differ.
 */
@Check("traced-lint")
class TracedLintIT {
    private static final String TABLE = "ledger.entry";
    private static final Map<String, String> MIGRATIONS = new LinkedHashMap<>();

    static {
        MIGRATIONS.put("V1__create.sql", """
                CREATE TABLE entry (id int PRIMARY KEY, name varchar(10) NOT NULL, email text);
                INSERT INTO entry SELECT g, 'n' || g, 'e' || g FROM generate_series(1, 100) g;
                """);
        MIGRATIONS.put("V2__constant_default.sql", "ALTER TABLE entry ADD COLUMN active boolean DEFAULT true;\n");
        MIGRATIONS.put(
                "V3__volatile_default.sql", "ALTER TABLE entry ADD COLUMN token double precision DEFAULT random();\n");
        MIGRATIONS.put(
                "V4__check_not_valid.sql",
                "ALTER TABLE entry ADD CONSTRAINT entry_email_nn CHECK (email IS NOT NULL) NOT VALID;\n");
        MIGRATIONS.put("V5__validate_check.sql", "ALTER TABLE entry VALIDATE CONSTRAINT entry_email_nn;\n");
        MIGRATIONS.put("V6__set_not_null_checked.sql", "ALTER TABLE entry ALTER COLUMN email SET NOT NULL;\n");
        MIGRATIONS.put("V7__set_not_null_unchecked.sql", "ALTER TABLE entry ALTER COLUMN active SET NOT NULL;\n");
        MIGRATIONS.put("V8__widen_varchar.sql", "ALTER TABLE entry ALTER COLUMN name TYPE varchar(20);\n");
        MIGRATIONS.put("V9__int_to_bigint.sql", "ALTER TABLE entry ALTER COLUMN id TYPE bigint;\n");
        MIGRATIONS.put("V10__create_index.sql", "CREATE INDEX entry_name ON entry (name);\n");
        MIGRATIONS.put(
                "V11__create_index_concurrently.sql", "CREATE INDEX CONCURRENTLY entry_email ON entry (email);\n");
    }

    private static LintReport report;
    private static Map<String, StatementTrace> traces;
    private static CompatibilityRun run;

    @BeforeAll
    static void trace(CompatibilityRun compatibilityRun, @TempDir Path dir) throws IOException {
        run = compatibilityRun;
        Path folder = Files.createDirectories(dir.resolve("ledger"));
        for (Map.Entry<String, String> m : MIGRATIONS.entrySet()) {
            Files.writeString(folder.resolve(m.getKey()), m.getValue());
        }
        report = MigrationLinter.configure()
                .runnerSetsLockTimeout(true)
                .trace(run.superuser(run.server().adminDatabase()))
                .load()
                .lint(folder);
        traces = new LinkedHashMap<>();
        for (FileReport file : report.files()) {
            FileTrace trace = Objects.requireNonNull(file.trace(), file.path());
            assertThat(trace.error()).as(file.path()).isNull();
            String name = Path.of(file.path()).getFileName().toString();
            traces.put(name, trace.statements().get(0));
            if (!name.startsWith("V1__")) {
                run.results()
                        .difference(
                                "lint." + topic(name),
                                describe(trace.statements().get(0)));
            }
        }
    }

    private static String topic(String file) {
        return file.substring(file.indexOf("__") + 2, file.length() - ".sql".length())
                .replace('_', '-');
    }

    /** Returns, for example, {@code ACCESS EXCLUSIVE, rewrite}: the strongest lock on the table and whether it was rewritten. */
    private static String describe(StatementTrace st) {
        String lock = st.locks().stream()
                .filter(l -> l.table().equals(TABLE))
                .map(TableLock::mode)
                .max((a, b) -> Integer.compare(TableLock.strength(a), TableLock.strength(b)))
                .orElse("no lock held after the statement");
        return lock + ", " + (st.rewritten().contains(TABLE) ? "rewrite" : "no rewrite");
    }

    private static StatementTrace statement(String file) {
        return Objects.requireNonNull(traces.get(file), file);
    }

    @Test
    void tracesOnThisServer() {
        assertThat(report.tracedOn()).contains("PostgreSQL " + run.major() + ".");
        assertThat(report.files()).hasSize(MIGRATIONS.size());
    }

    @Test
    void aVolatileDefaultAndAnIntToBigintChangeRewriteTheTable() {
        assertThat(statement("V3__volatile_default.sql").rewritten()).containsExactly(TABLE);
        assertThat(statement("V9__int_to_bigint.sql").rewritten()).containsExactly(TABLE);
        assertThat(rules("V3__volatile_default.sql")).contains("volatile-default");
    }

    @Test
    void aConstantDefaultAndVarcharWideningDoNotRewrite() {
        assertThat(statement("V2__constant_default.sql").rewritten()).isEmpty();
        assertThat(statement("V8__widen_varchar.sql").rewritten()).isEmpty();
        assertThat(rules("V2__constant_default.sql")).doesNotContain("volatile-default", "table-rewrite");
        assertThat(rules("V8__widen_varchar.sql")).doesNotContain("alter-column-type", "table-rewrite");
    }

    @Test
    void alterTableTakesAccessExclusiveAndAPlainIndexBlocksWrites() {
        for (String file : List.of(
                "V2__constant_default.sql",
                "V3__volatile_default.sql",
                "V6__set_not_null_checked.sql",
                "V7__set_not_null_unchecked.sql",
                "V9__int_to_bigint.sql")) {
            assertThat(modes(file)).as(file).contains("ACCESS EXCLUSIVE");
        }
        assertThat(statement("V10__create_index.sql").locks())
                .filteredOn(l -> l.table().equals(TABLE))
                .anySatisfy(l -> assertThat(l.blocksWrites()).isTrue());
        assertThat(rules("V10__create_index.sql")).contains("create-index-non-concurrent");
        assertThat(rules("V11__create_index_concurrently.sql")).doesNotContain("create-index-non-concurrent");
    }

    @Test
    void setNotNullIsJudgedByTheCheckOnEveryVersion() {
        assertThat(rules("V6__set_not_null_checked.sql")).doesNotContain("set-not-null");
        assertThat(rules("V7__set_not_null_unchecked.sql")).contains("set-not-null");
    }

    private static List<String> modes(String file) {
        return statement(file).locks().stream()
                .filter(l -> l.table().equals(TABLE))
                .map(TableLock::mode)
                .toList();
    }

    private static List<String> rules(String file) {
        return report.files().stream()
                .filter(f -> f.path().endsWith("/" + file))
                .flatMap(f -> f.findings().stream())
                .map(f -> f.rule().id())
                .collect(Collectors.toList());
    }
}
