package dev.approuting.lint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.approuting.core.DbCredentials;
import dev.approuting.core.ErrorCode;
import dev.approuting.core.RoutingException;
import dev.approuting.fixtures.TestServers;
import dev.approuting.lint.FileTrace.ChangeKind;
import dev.approuting.lint.FileTrace.SchemaChange;
import dev.approuting.lint.FileTrace.StatementTrace;
import dev.approuting.lint.FileTrace.TableLock;
import dev.approuting.testkit.postgres.PostgresExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The traced engine on embedded PostgreSQL 17: each kind of observation (locks, rewrites, catalog
 * changes, failures, non-transactional files), and how it confirms or refines the static findings.
 */
class TracedLintIT {
    private static final String BASE = """
            CREATE TABLE orders (id int PRIMARY KEY, note varchar(10), qty int);
            CREATE FUNCTION one() RETURNS int LANGUAGE sql IMMUTABLE AS 'SELECT 1';
            """;

    @RegisterExtension
    static final PostgresExtension pg = PostgresExtension.embedded();

    @TempDir
    Path dir;

    private static DbCredentials admin() {
        return TestServers.superuser(pg, "postgres");
    }

    /** Writes V1 (the base schema) and V2 (the script under test) into an app folder and traces them. */
    private LintReport trace(String v2, MigrationLinter.Builder builder) throws IOException {
        Path app = Files.createDirectories(dir.resolve("shop"));
        Files.writeString(app.resolve("V1__base.sql"), BASE);
        Files.writeString(app.resolve("V2__change.sql"), v2);
        return builder.trace(admin()).load().lint(app);
    }

    private LintReport trace(String v2) throws IOException {
        return trace(v2, MigrationLinter.configure().runnerSetsLockTimeout(true));
    }

    private static FileReport v2(LintReport report) {
        return report.files().get(1);
    }

    private static FileTrace traceOf(FileReport file) {
        FileTrace trace = file.trace();
        assertThat(trace).as("trace of " + file.path()).isNotNull();
        return Objects.requireNonNull(trace);
    }

    private static StatementTrace only(FileReport file) {
        assertThat(traceOf(file).statements()).hasSize(1);
        return traceOf(file).statements().get(0);
    }

    private static Finding finding(FileReport file, LintRule rule) {
        return file.findings().stream()
                .filter(f -> f.rule() == rule)
                .findFirst()
                .orElseThrow(() -> new AssertionError(rule + " not in " + file.findings()));
    }

    @Test
    void aVolatileDefaultRewritesTheTableAndTheStaticFindingIsConfirmed() throws IOException {
        LintReport report = trace("ALTER TABLE orders ADD COLUMN r float8 DEFAULT random();");

        assertThat(report.tracedOn()).startsWith("PostgreSQL 17.");
        StatementTrace st = only(v2(report));
        assertThat(st.rewritten()).containsExactly("shop.orders");
        assertThat(st.locks()).contains(new TableLock("shop.orders", "ACCESS EXCLUSIVE", true));
        assertThat(st.changes())
                .containsExactly(new SchemaChange(
                        ChangeKind.COLUMN_ADDED, "shop.orders", "r", "double precision with a default"));
        Finding f = finding(v2(report), LintRule.VOLATILE_DEFAULT);
        assertThat(f.severity()).isEqualTo(Severity.ERROR);
        assertThat(f.message()).contains("confirmed, rewrote shop.orders");
    }

    @Test
    void aDefaultOfAnImmutableFunctionDoesNotRewriteSoTheStaticFindingBecomesAWarning() throws IOException {
        String sql = "ALTER TABLE orders ADD COLUMN c int DEFAULT one();";
        assertThat(MigrationLinter.configure().load().lintScript("V2.sql", sql).findings())
                .extracting(Finding::rule, Finding::severity)
                .contains(tuple(LintRule.VOLATILE_DEFAULT, Severity.ERROR));

        FileReport file = v2(trace(sql));

        assertThat(only(file).rewritten()).isEmpty();
        Finding f = finding(file, LintRule.VOLATILE_DEFAULT);
        assertThat(f.severity()).isEqualTo(Severity.WARNING);
        assertThat(f.message()).contains("traced on PostgreSQL 17.").contains("no table rewrite");
        assertThat(file.hasErrors()).isFalse();
    }

    @Test
    void constantAndStableDefaultsDoNotRewriteOnPostgres17() throws IOException {
        FileReport file = v2(trace("ALTER TABLE orders ADD COLUMN at timestamptz DEFAULT now();\n"
                + "ALTER TABLE orders ADD COLUMN n int DEFAULT 0;"));

        assertThat(traceOf(file).statements())
                .allSatisfy(st -> assertThat(st.rewritten()).isEmpty());
        assertThat(file.findings()).isEmpty();
    }

    @Test
    void aRewriteHiddenInDynamicSqlIsFoundOnlyByTheTrace() throws IOException {
        String sql = "DO $$ BEGIN EXECUTE 'ALTER TABLE orders ALTER COLUMN qty TYPE bigint'; END $$;";
        assertThat(MigrationLinter.configure()
                        .runnerSetsLockTimeout(true)
                        .load()
                        .lintScript("V2.sql", sql)
                        .findings())
                .isEmpty();

        FileReport file = v2(trace(sql));

        StatementTrace st = only(file);
        assertThat(st.rewritten()).containsExactly("shop.orders");
        assertThat(st.changes())
                .containsExactly(
                        new SchemaChange(ChangeKind.COLUMN_TYPE_CHANGED, "shop.orders", "qty", "integer -> bigint"));
        assertThat(finding(file, LintRule.TABLE_REWRITE).severity()).isEqualTo(Severity.ERROR);
    }

    @Test
    void renamesAndDropsHiddenFromTheParserAreReportedFromTheCatalogDiff() throws IOException {
        FileReport file = v2(trace("""
                DO $$ BEGIN
                  EXECUTE 'ALTER TABLE orders RENAME COLUMN note TO remark';
                  EXECUTE 'ALTER TABLE orders DROP COLUMN qty';
                END $$;
                """));

        assertThat(only(file).changes())
                .extracting(SchemaChange::kind, SchemaChange::column)
                .containsExactlyInAnyOrder(
                        tuple(ChangeKind.COLUMN_RENAMED, "note"), tuple(ChangeKind.COLUMN_DROPPED, "qty"));
        assertThat(file.findings())
                .extracting(Finding::rule)
                .containsExactlyInAnyOrder(LintRule.RENAME_COLUMN, LintRule.DROP_COLUMN);
        assertThat(finding(file, LintRule.RENAME_COLUMN).message()).contains("note -> remark");
    }

    @Test
    void staticDropsAreConfirmedWithoutDuplicates() throws IOException {
        FileReport file = v2(trace("ALTER TABLE orders DROP COLUMN note;"));

        assertThat(only(file).changes())
                .containsExactly(new SchemaChange(ChangeKind.COLUMN_DROPPED, "shop.orders", "note", "dropped"));
        assertThat(file.findings()).extracting(Finding::rule).containsExactly(LintRule.DROP_COLUMN);
    }

    @Test
    void aBinaryCoercibleWideningChangesTheTypeWithoutRewriteAndANarrowingTypeChangeRewrites() throws IOException {
        FileReport widening = v2(trace("ALTER TABLE orders ALTER COLUMN note TYPE varchar(20);"));
        assertThat(only(widening).rewritten()).isEmpty();
        assertThat(only(widening).changes())
                .extracting(SchemaChange::detail)
                .containsExactly("character varying(10) -> character varying(20)");
        assertThat(widening.findings()).isEmpty();

        FileReport retyped = v2(trace("ALTER TABLE orders ALTER COLUMN qty TYPE bigint;"));
        assertThat(only(retyped).rewritten()).containsExactly("shop.orders");
        assertThat(finding(retyped, LintRule.ALTER_COLUMN_TYPE).message()).contains("confirmed");
    }

    @Test
    void locksAreRecordedPerStatementWithTheirModes() throws IOException {
        FileReport file = v2(trace("""
                CREATE INDEX orders_qty ON orders (qty);
                ALTER TABLE orders ADD COLUMN memo text;
                CREATE TABLE fresh (id int);
                """));

        List<StatementTrace> statements = traceOf(file).statements();
        assertThat(traceOf(file).inTransaction()).isTrue();
        assertThat(statements.get(0).locks()).containsExactly(new TableLock("shop.orders", "SHARE", true));
        assertThat(statements.get(0).locks().get(0).blocksWrites()).isTrue();
        assertThat(statements.get(1).locks()).containsExactly(new TableLock("shop.orders", "ACCESS EXCLUSIVE", true));
        assertThat(statements.get(2).locks())
                .allSatisfy(l -> assertThat(l.existing()).isFalse());
        assertThat(statements.get(1).rewritten()).isEmpty();
        assertThat(file.findings()).extracting(Finding::rule).containsExactly(LintRule.CREATE_INDEX_NON_CONCURRENT);
    }

    @Test
    void lockTimeoutIsReadFromTheSession() throws IOException {
        MigrationLinter.Builder strict = MigrationLinter.configure();
        FileReport setByFunction = v2(trace(
                "SELECT set_config('lock_timeout', '2s', false);\nALTER TABLE orders ADD COLUMN memo text;", strict));
        assertThat(traceOf(setByFunction).statements().get(1).lockTimeout()).isEqualTo("2s");
        assertThat(setByFunction.findings()).extracting(Finding::rule).doesNotContain(LintRule.LOCK_TIMEOUT_MISSING);

        FileReport missing = v2(trace("ALTER TABLE orders ADD COLUMN memo text;", MigrationLinter.configure()));
        assertThat(traceOf(missing).statements().get(0).lockTimeout()).isEqualTo("0");
        assertThat(missing.findings()).extracting(Finding::rule).containsExactly(LintRule.LOCK_TIMEOUT_MISSING);
    }

    @Test
    void aNotNullColumnAddedByDynamicSqlIsReported() throws IOException {
        FileReport file = v2(trace("DO $$ BEGIN EXECUTE 'ALTER TABLE orders ADD COLUMN code text NOT NULL'; END $$;"));

        assertThat(finding(file, LintRule.ADD_COLUMN_NOT_NULL_NO_DEFAULT).message())
                .contains("shop.orders.code");
    }

    @Test
    void aFailingFileIsReportedAndLaterFilesAreNotTraced() throws IOException {
        Path app = Files.createDirectories(dir.resolve("shop"));
        Files.writeString(app.resolve("V1__base.sql"), BASE);
        Files.writeString(
                app.resolve("V2__bad.sql"), "ALTER TABLE orders ADD COLUMN a int;\nALTER TABLE nope ADD b int;");
        Files.writeString(app.resolve("V3__later.sql"), "ALTER TABLE orders ADD COLUMN c int;");

        LintReport report = MigrationLinter.configure()
                .runnerSetsLockTimeout(true)
                .trace(admin())
                .load()
                .lint(app);

        FileReport bad = report.files().get(1);
        assertThat(traceOf(bad).error()).contains("line 2").contains("42P01");
        Finding f = finding(bad, LintRule.MIGRATION_FAILS);
        assertThat(f.line()).isEqualTo(2);
        assertThat(report.files().get(2).trace()).isNull();
        assertThat(report.hasErrors()).isTrue();
    }

    @Test
    void aConcurrentIndexFileRunsOutsideATransaction() throws IOException {
        FileReport file = v2(trace("CREATE INDEX CONCURRENTLY orders_qty ON orders (qty);"));

        assertThat(traceOf(file).inTransaction()).isFalse();
        assertThat(traceOf(file).error()).isNull();
        assertThat(only(file).locks()).isEmpty();
        assertThat(file.findings()).isEmpty();
    }

    @Test
    void theDeployedModelTurnsDropsOfUnusedColumnsIntoWarnings() throws IOException {
        MigrationLinter.Builder builder = MigrationLinter.configure()
                .runnerSetsLockTimeout(true)
                .deployedModel(TestModel.schema("shop", "orders", "id", "qty"));

        FileReport file =
                v2(trace("ALTER TABLE orders DROP COLUMN note;\nALTER TABLE orders DROP COLUMN qty;", builder));

        assertThat(file.findings())
                .extracting(Finding::rule, Finding::severity)
                .containsExactly(
                        tuple(LintRule.DROP_COLUMN, Severity.WARNING), tuple(LintRule.DROP_COLUMN, Severity.ERROR));
        assertThat(file.findings().get(0).message()).contains("deployed model does not use it");
    }

    @Test
    void theScratchDatabaseIsDroppedAndABadLoginIsReported() throws Exception {
        trace("ALTER TABLE orders ADD COLUMN memo text;");
        assertThat(query("SELECT datname FROM pg_database WHERE datname LIKE 'routing_trace_%'"))
                .isEmpty();

        assertThatThrownBy(() -> MigrationLinter.configure()
                        .trace(admin().withDbname("no_such_db"))
                        .load()
                        .lint(Files.createDirectories(dir.resolve("empty"))))
                .isInstanceOf(RoutingException.class)
                .hasMessageContaining("cannot trace the migrations on localhost:" + pg.port())
                .hasMessageContaining("CREATEDB")
                .satisfies(e -> assertThat(((RoutingException) e).code()).isEqualTo(ErrorCode.DATABASE_UNAVAILABLE));
    }

    private static List<String> query(String sql) {
        return pg.column("postgres", sql);
    }
}
