package dev.approuting.lint;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every safe recipe a rule's fix gives, written out as the migration files it describes, passes the
 * linter: no error-level finding, and in particular none saying the runner would fail (Flyway running a
 * statement inside a transaction that PostgreSQL refuses there). A fix that recommended such a
 * statement would fail here.
 */
@SuppressWarnings("StringConcatToTextBlock")
class RecipesTest {
    private final MigrationLinter linter =
            MigrationLinter.configure().runnerSetsLockTimeout(true).load();

    /** Rule id → the recipe's files, in order ({@code .sql.conf} entries configure the file of their name). */
    private static Map<String, Map<String, String>> recipes() {
        Map<String, Map<String, String>> r = new LinkedHashMap<>();
        String table = "CREATE TABLE t (id bigint, c text, d int, p_id bigint);\n"
                + "CREATE TABLE p (id bigint PRIMARY KEY);\n";
        r.put(
                "create-index-non-concurrent",
                files("V1__t.sql", table, "V2__index.sql", "CREATE INDEX CONCURRENTLY t_c ON t (c);\n"));
        r.put(
                "drop-index-non-concurrent",
                files(
                        "V1__t.sql",
                        table + "CREATE INDEX t_c ON t (c);\n",
                        "V2__drop.sql",
                        "DROP INDEX CONCURRENTLY t_c;\n"));
        r.put(
                "reindex-non-concurrent",
                files(
                        "V1__t.sql",
                        table + "CREATE INDEX t_c ON t (c);\n",
                        "V2__reindex.sql",
                        "REINDEX INDEX CONCURRENTLY t_c;\n",
                        "V2__reindex.sql.conf",
                        "executeInTransaction=false\n"));
        r.put(
                "concurrent-index-in-transaction",
                files(
                        "V1__t.sql",
                        table + "CREATE INDEX t_c ON t (c);\n",
                        "V2__reindex.sql",
                        "REINDEX TABLE CONCURRENTLY t;\n",
                        "V2__reindex.sql.conf",
                        "executeInTransaction=false\n"));
        r.put(
                "detach-partition",
                files(
                        "V1__t.sql",
                        "CREATE TABLE m (d date NOT NULL) PARTITION BY RANGE (d);\n"
                                + "CREATE TABLE m_2024 PARTITION OF m FOR VALUES FROM ('2024-01-01') TO"
                                + " ('2025-01-01');\n",
                        "V2__detach.sql",
                        "ALTER TABLE m DETACH PARTITION m_2024 CONCURRENTLY;\n",
                        "V2__detach.sql.conf",
                        "executeInTransaction=false\n"));
        r.put(
                "add-fk-validated",
                files(
                        "V1__t.sql",
                        table,
                        "V2__fk.sql",
                        "ALTER TABLE t ADD CONSTRAINT t_p FOREIGN KEY (p_id) REFERENCES p (id) NOT VALID;\n",
                        "V3__validate.sql",
                        "ALTER TABLE t VALIDATE CONSTRAINT t_p;\n"));
        r.put(
                "add-check-constraint-validated",
                files(
                        "V1__t.sql",
                        table,
                        "V2__check.sql",
                        "ALTER TABLE t ADD CONSTRAINT t_d CHECK (d > 0) NOT VALID;\n",
                        "V3__validate.sql",
                        "ALTER TABLE t VALIDATE CONSTRAINT t_d;\n"));
        r.put(
                "set-not-null",
                files(
                        "V1__t.sql",
                        table,
                        "V2__check.sql",
                        "ALTER TABLE t ADD CONSTRAINT c_not_null CHECK (c IS NOT NULL) NOT VALID;\n",
                        "V3__validate.sql",
                        "ALTER TABLE t VALIDATE CONSTRAINT c_not_null;\n",
                        "V4__not_null.sql",
                        "ALTER TABLE t ALTER COLUMN c SET NOT NULL;\nALTER TABLE t DROP CONSTRAINT c_not_null;\n"));
        r.put(
                "add-unique-constraint",
                files(
                        "V1__t.sql",
                        table,
                        "V2__index.sql",
                        "CREATE UNIQUE INDEX CONCURRENTLY t_c_key ON t (c);\n",
                        "V3__constraint.sql",
                        "ALTER TABLE t ADD CONSTRAINT t_c_key UNIQUE USING INDEX t_c_key;\n"));
        r.put(
                "volatile-default",
                files(
                        "V1__t.sql",
                        table,
                        "V2__column.sql",
                        "ALTER TABLE t ADD COLUMN token uuid;\n"
                                + "ALTER TABLE t ALTER COLUMN token SET DEFAULT gen_random_uuid();\n"));
        r.put(
                "add-column-not-null-no-default",
                files("V1__t.sql", table, "V2__column.sql", "ALTER TABLE t ADD COLUMN e int DEFAULT 0;\n"));
        r.put("add-json-column", files("V1__t.sql", table, "V2__column.sql", "ALTER TABLE t ADD COLUMN j jsonb;\n"));
        r.put(
                "alter-column-type",
                files(
                        "V1__t.sql",
                        "CREATE TABLE t (id bigint, name varchar(10));\n",
                        "V2__widen.sql",
                        "ALTER TABLE t ALTER COLUMN name TYPE varchar(20);\n",
                        "V3__text.sql",
                        "ALTER TABLE t ALTER COLUMN name TYPE text;\n"));
        r.put(
                "refresh-materialized-view",
                files(
                        "V1__view.sql",
                        "CREATE MATERIALIZED VIEW v AS SELECT 1 AS id;\nCREATE UNIQUE INDEX v_id ON v (id);\n",
                        "V2__refresh.sql",
                        "REFRESH MATERIALIZED VIEW CONCURRENTLY v;\n"));
        r.put(
                "attach-partition",
                files(
                        "V1__t.sql",
                        "CREATE TABLE m (d date NOT NULL) PARTITION BY RANGE (d);\n"
                                + "CREATE TABLE m_2024 (d date NOT NULL);\n",
                        "V2__check.sql",
                        "ALTER TABLE m_2024 ADD CONSTRAINT m_2024_bound CHECK (d >= '2024-01-01' AND d <"
                                + " '2025-01-01') NOT VALID;\n",
                        "V3__validate.sql",
                        "ALTER TABLE m_2024 VALIDATE CONSTRAINT m_2024_bound;\n",
                        "V4__attach.sql",
                        "ALTER TABLE m ATTACH PARTITION m_2024 FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');\n"
                                + "ALTER TABLE m_2024 DROP CONSTRAINT m_2024_bound;\n"));
        r.put(
                "backfill-under-lock",
                files(
                        "V1__t.sql",
                        table,
                        "V2__column.sql",
                        "ALTER TABLE t ADD COLUMN status text;\n",
                        "V3__backfill.sql",
                        "UPDATE t SET status = 'new' WHERE status IS NULL;\n"));
        return r;
    }

    private static Map<String, String> files(String... nameThenContent) {
        Map<String, String> files = new LinkedHashMap<>();
        for (int i = 0; i < nameThenContent.length; i += 2) {
            files.put(nameThenContent[i], nameThenContent[i + 1]);
        }
        return files;
    }

    @Test
    void everyRecipePassesTheLinterAndTheRunner(@TempDir Path dir) throws IOException {
        Map<String, List<String>> errors = new LinkedHashMap<>();
        for (Map.Entry<String, Map<String, String>> recipe : recipes().entrySet()) {
            assertThat(LintRule.byId(recipe.getKey())).as(recipe.getKey()).isPresent();
            Path folder = Files.createDirectories(dir.resolve(recipe.getKey()));
            for (Map.Entry<String, String> f : recipe.getValue().entrySet()) {
                Files.writeString(folder.resolve(f.getKey()), f.getValue());
            }
            LintReport report = linter.lint(folder);
            assertThat(report.files()).as(recipe.getKey()).isNotEmpty();
            List<String> found = report.files().stream()
                    .flatMap(file -> file.findings().stream()
                            .filter(f -> f.severity() == Severity.ERROR)
                            .map(f -> f.describe(file.path())))
                    .collect(Collectors.toList());
            if (!found.isEmpty()) {
                errors.put(recipe.getKey(), found);
            }
        }
        assertThat(errors).as("recipes the linter or the runner refuses").isEmpty();
    }

    @Test
    void aConcurrentStatementFlywayDoesNotDetectFailsWithoutTheFileSetting(@TempDir Path dir) throws IOException {
        for (String rule : List.of("reindex-non-concurrent", "detach-partition")) {
            Path folder = Files.createDirectories(dir.resolve(rule));
            Objects.requireNonNull(recipes().get(rule), rule).forEach((name, content) -> {
                if (!name.endsWith(".conf")) {
                    write(folder.resolve(name), content);
                }
            });
            List<String> rules = linter.lint(folder).files().stream()
                    .flatMap(file -> file.findings().stream())
                    .filter(f -> f.severity() == Severity.ERROR)
                    .map(f -> f.rule().id())
                    .collect(Collectors.toList());
            assertThat(rules).as(rule + " without executeInTransaction=false").isNotEmpty();
        }
    }

    @Test
    void noFindingOnAFileFlywayRunsOutsideATransactionAsksForASetStatementInIt() {
        MigrationLinter plain = MigrationLinter.configure().load();
        for (String sql : List.of(
                "CREATE INDEX CONCURRENTLY t_c ON t (c);\n",
                "DROP INDEX CONCURRENTLY t_c;\n",
                "CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS t_c ON t (lower(c));\n")) {
            FileReport report = plain.lintScript("V9__index.sql", sql);
            assertThat(report.findings())
                    .as(sql)
                    .allSatisfy(f -> assertThat(f.fix()).doesNotContainIgnoringCase("SET lock_timeout"));
        }
    }

    private static void write(Path file, String content) {
        try {
            Files.writeString(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
