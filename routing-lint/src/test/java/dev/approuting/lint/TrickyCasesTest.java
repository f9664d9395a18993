package dev.approuting.lint;

import static dev.approuting.lint.LintRulesTest.rules;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.approuting.core.ErrorCode;
import dev.approuting.core.RoutingException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The linter is not fooled by comments, strings, quoting or function bodies, and models Flyway. */
@SuppressWarnings("StringConcatToTextBlock")
class TrickyCasesTest {
    private final MigrationLinter linter =
            MigrationLinter.configure().runnerSetsLockTimeout(true).load();

    private FileReport lint(String sql) {
        return linter.lintScript("V9__test.sql", sql);
    }

    @Test
    void nestedBlockCommentsAndLineCommentsHideStatements() {
        FileReport report = lint("/* outer /* DROP TABLE users; */ still a comment; DROP TABLE users; */\n"
                + "-- DROP TABLE users;\n"
                + "SELECT 1; -- ALTER TABLE users DROP COLUMN a;\n");
        assertThat(report.findings()).isEmpty();
        assertThat(report.statements()).isEqualTo(1);
    }

    @Test
    void stringLiteralsHideStatements() {
        FileReport report = lint("INSERT INTO audit VALUES ('it''s; DROP TABLE users; --', 'x');\n"
                + "INSERT INTO audit VALUES (E'it\\'s; DROP TABLE users; \\\\', U&'d\\0061t; a');\n");
        assertThat(report.findings()).isEmpty();
        assertThat(report.statements()).isEqualTo(2);
    }

    @Test
    void quotedIdentifiersAreNeverKeywordsAndKeepTheirCase() {
        assertThat(rules(lint("ALTER TABLE \"drop\" ADD COLUMN \"table\" text;")))
                .isEmpty();
        assertThat(rules(lint("CREATE TABLE \"Users\" (a int);\nDROP TABLE \"Users\";")))
                .isEmpty();
        assertThat(rules(lint("CREATE TABLE \"Users\" (a int);\nDROP TABLE users;")))
                .containsExactly("drop-table");
        assertThat(rules(lint("CREATE TABLE Users (a int);\nDROP TABLE \"users\";")))
                .isEmpty();
    }

    @Test
    void dollarQuotedFunctionBodiesAreNotLinted() {
        FileReport report = lint("CREATE FUNCTION wipe() RETURNS void AS $$\nBEGIN\n  DROP TABLE users;\nEND\n$$"
                + " LANGUAGE plpgsql;\n"
                + "CREATE OR REPLACE FUNCTION f2() RETURNS void LANGUAGE plpgsql AS $body$ BEGIN TRUNCATE users;"
                + " PERFORM '$$'; END $body$;\n");
        assertThat(report.findings()).isEmpty();
        assertThat(report.statements()).isEqualTo(2);
    }

    @Test
    void sqlStandardFunctionBodiesStayOneStatement() {
        FileReport report = lint("CREATE FUNCTION one() RETURNS int LANGUAGE sql\nBEGIN ATOMIC\n  SELECT CASE WHEN true"
                + " THEN 1 END;\n  SELECT 2;\nEND;\nDROP TABLE users;");
        assertThat(report.statements()).isEqualTo(2);
        assertThat(rules(report)).containsExactly("drop-table");
        assertThat(report.findings().get(0).line()).isEqualTo(6);
    }

    @Test
    void doBlocksAreLintedWithTheirOwnPositions() {
        FileReport report = lint("DO $do$\nBEGIN\n  IF EXISTS (SELECT 1) THEN\n    ALTER TABLE users RENAME COLUMN a TO"
                + " b;\n  END IF;\nEND\n$do$;");
        assertThat(report.findings()).singleElement().satisfies(f -> {
            assertThat(f.rule()).isEqualTo(LintRule.RENAME_COLUMN);
            assertThat(f.line()).isEqualTo(4);
            assertThat(f.column()).isEqualTo(5);
            assertThat(f.statement()).isEqualTo("ALTER TABLE users RENAME COLUMN a TO b");
        });
        assertThat(rules(lint("DO 'BEGIN DROP TABLE users; END';"))).containsExactly("drop-table");
        assertThat(rules(lint("DO LANGUAGE plpgsql $$ DECLARE n int; BEGIN n := 1; DROP TABLE users; END $$;")))
                .containsExactly("drop-table");
    }

    @Test
    void positionsAreLineAndColumnOfTheStatement() {
        FileReport report = lint("-- header\nCREATE TABLE t (a int);\n\n   ALTER TABLE users\n  DROP COLUMN email;");
        assertThat(report.findings()).singleElement().satisfies(f -> {
            assertThat(f.line()).isEqualTo(4);
            assertThat(f.column()).isEqualTo(4);
            assertThat(f.statement()).isEqualTo("ALTER TABLE users\n  DROP COLUMN email");
            assertThat(f.message()).contains("users.email");
            assertThat(f.fix()).isEqualTo(LintRule.DROP_COLUMN.fix());
        });
    }

    @Test
    void alterTableWithSeveralActionsChecksEachOne() {
        assertThat(
                        rules(
                                lint(
                                        "ALTER TABLE users ADD COLUMN a text, DROP COLUMN b,"
                                                + " ALTER COLUMN c SET NOT NULL, ALTER COLUMN d TYPE varchar(20), ADD CONSTRAINT u UNIQUE (a);")))
                .containsExactly("drop-column", "set-not-null", "alter-column-type", "add-unique-constraint");
    }

    @Test
    void objectsCreatedInTheSameFileAreExempt() {
        assertThat(rules(lint("CREATE TABLE t (id bigint PRIMARY KEY, a int NOT NULL);\n"
                        + "CREATE INDEX t_a ON t (a);\n"
                        + "ALTER TABLE t ADD COLUMN b int NOT NULL, ADD CONSTRAINT c CHECK (a > 0),"
                        + " ADD COLUMN u uuid DEFAULT gen_random_uuid(), ALTER COLUMN a TYPE bigint;\n"
                        + "ALTER TABLE t RENAME COLUMN a TO a2;\n"
                        + "DROP INDEX t_a;\n"
                        + "ALTER TABLE t RENAME TO t2;\n"
                        + "ALTER TABLE t2 DROP COLUMN b;\n"
                        + "DROP TABLE t2;")))
                .isEmpty();
    }

    @Test
    void suppressionNeedsAReasonAndAKnownRule() {
        assertThat(rules(lint("-- routing:ignore drop-column reason: unused since release 4.2\n"
                        + "ALTER TABLE users DROP COLUMN a;\nALTER TABLE users DROP COLUMN b;")))
                .containsExactly("drop-column");
        FileReport noReason = lint("-- routing:ignore drop-column\nALTER TABLE users DROP COLUMN a;");
        assertThat(rules(noReason)).containsExactly("invalid-suppression", "drop-column");
        assertThat(noReason.findings().get(0).message()).contains("gives no reason");
        assertThat(noReason.findings().get(0).line()).isEqualTo(1);
        FileReport typo = lint("-- routing:ignore drop-colum reason: fine\nALTER TABLE users DROP COLUMN a;");
        assertThat(typo.findings().get(0).message()).contains("did you mean 'drop-column'?");
        assertThat(rules(lint("-- routing:ignore drop-column, rename-column reason: both unused\n"
                        + "ALTER TABLE users DROP COLUMN a, RENAME COLUMN b TO c;")))
                .isEmpty();
    }

    @Test
    void fileLevelSuppressionCoversTheWholeFile() {
        assertThat(rules(lint("-- routing:ignore-file drop-table reason: tables unused since 3.0\n"
                        + "DROP TABLE a;\nDROP TABLE b;\nALTER TABLE c DROP COLUMN d;")))
                .containsExactly("drop-column");
        assertThat(rules(lint("-- routing:ignore-file drop-table\nDROP TABLE a;")))
                .containsExactly("invalid-suppression", "drop-table");
    }

    @Test
    void suppressionBeforeDoBlockCoversItsBody() {
        assertThat(rules(lint("-- routing:ignore drop-table reason: gone\nDO $$ BEGIN DROP TABLE a; END $$;")))
                .isEmpty();
    }

    @Test
    void pgVersionDecidesWhetherConstantDefaultsRewrite() {
        String constantDefault = "ALTER TABLE users ADD COLUMN active boolean DEFAULT false;";
        assertThat(rules(lint(constantDefault))).isEmpty();
        MigrationLinter pg10 = MigrationLinter.configure()
                .pgVersion(10)
                .runnerSetsLockTimeout(true)
                .load();
        assertThat(rules(pg10.lintScript("V1__a.sql", constantDefault))).containsExactly("volatile-default");
        assertThat(rules(pg10.lintScript("V1__a.sql", "ALTER TABLE users ADD COLUMN a text DEFAULT NULL;")))
                .isEmpty();
    }

    @Test
    void serverVersionAppliesOnlyWhenNoneIsConfigured(@TempDir Path dir) throws IOException {
        String constantDefault = "ALTER TABLE users ADD COLUMN active boolean DEFAULT false;";
        assertThat(linter.pgVersion()).isEqualTo(15);
        MigrationLinter onPg10 = linter.forServerVersion(10);
        assertThat(onPg10.pgVersion()).isEqualTo(10);
        assertThat(rules(onPg10.lintScript("V1__a.sql", constantDefault))).containsExactly("volatile-default");
        assertThat(linter.forServerVersion(15)).isSameAs(linter);

        MigrationLinter configured = MigrationLinter.configure()
                .pgVersion(16)
                .runnerSetsLockTimeout(true)
                .load();
        assertThat(configured.forServerVersion(10)).isSameAs(configured);
        assertThat(rules(configured.forServerVersion(10).lintScript("V1__a.sql", constantDefault)))
                .isEmpty();

        write(dir, "routing-lint.properties", "pg-version=10\n");
        MigrationLinter fromFile = MigrationLinter.configure()
                .configFile(dir.resolve("routing-lint.properties"))
                .load();
        assertThat(fromFile.forServerVersion(17).pgVersion()).isEqualTo(10);
        assertThatThrownBy(() -> linter.forServerVersion(7))
                .isInstanceOfSatisfying(
                        RoutingException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_CONFIGURATION));
    }

    @Test
    void setNotNullIsSafeAfterAValidatedCheckFromPg12(@TempDir Path dir) throws IOException {
        write(dir, "V1__check.sql", "ALTER TABLE users ADD CONSTRAINT email_nn CHECK ((email IS NOT NULL)) NOT VALID;");
        write(dir, "V2__validate.sql", "ALTER TABLE users VALIDATE CONSTRAINT email_nn;");
        write(dir, "V10__set.sql", "ALTER TABLE users ALTER COLUMN email SET NOT NULL;");
        LintReport pg15 = linter.lint(dir);
        assertThat(pg15.files())
                .extracting(FileReport::path)
                .containsExactly(
                        dir.resolve("V1__check.sql").toString(),
                        dir.resolve("V2__validate.sql").toString(),
                        dir.resolve("V10__set.sql").toString());
        assertThat(pg15.findings()).isEmpty();
        LintReport pg11 = MigrationLinter.configure()
                .pgVersion(11)
                .runnerSetsLockTimeout(true)
                .load()
                .lint(dir);
        assertThat(pg11.findings()).extracting(f -> f.rule().id()).containsExactly("set-not-null");
        assertThat(pg11.findings().get(0).message()).contains("12+");
    }

    @Test
    void typeChangesAreJudgedByTheTypeFromEarlierFiles(@TempDir Path dir) throws IOException {
        write(
                dir,
                "V1__create.sql",
                "CREATE TABLE users (name character varying(50), code varchar(5), n"
                        + " numeric(10,2), ip cidr, age int);");
        write(
                dir,
                "V2__widen.sql",
                "ALTER TABLE users ALTER COLUMN name TYPE varchar(100), ALTER COLUMN code TYPE"
                        + " text, ALTER COLUMN n TYPE numeric(12, 2), ALTER COLUMN ip TYPE inet;");
        write(dir, "V3__narrow.sql", "ALTER TABLE users ALTER COLUMN name TYPE varchar(20);");
        write(dir, "V4__int.sql", "ALTER TABLE users ALTER COLUMN age TYPE bigint;");
        LintReport report = linter.lint(dir);
        assertThat(report.files().get(1).findings()).isEmpty();
        assertThat(rules(report.files().get(2))).containsExactly("alter-column-type");
        assertThat(report.files().get(2).findings().get(0).message()).contains("varchar(100)", "varchar(20)");
        assertThat(rules(report.files().get(3))).containsExactly("alter-column-type");
    }

    @Test
    void sqlConfOverridesFlywayTransaction(@TempDir Path dir) throws IOException {
        write(dir, "V1__index.sql", "CREATE INDEX CONCURRENTLY i ON users (email);");
        write(dir, "V1__index.sql.conf", "executeInTransaction=true\n");
        write(dir, "V2__mixed.sql", "SET lock_timeout = '1s';\nCREATE INDEX CONCURRENTLY j ON users (name);");
        write(dir, "V2__mixed.sql.conf", "executeInTransaction=false\n");
        write(dir, "V3__begin.sql", "BEGIN;\nALTER TABLE users ADD COLUMN x text;\nCOMMIT;");
        write(dir, "V3__begin.sql.conf", "executeInTransaction=false\n");
        LintReport report = linter.lint(dir);
        assertThat(rules(report.files().get(0))).containsExactly("concurrent-index-in-transaction");
        assertThat(report.files().get(1).findings()).isEmpty();
        assertThat(report.files().get(2).findings()).isEmpty();
    }

    @Test
    void explicitTransactionInANonTransactionalFileCatchesConcurrently(@TempDir Path dir) throws IOException {
        write(dir, "V1__tx.sql", "BEGIN;\nCREATE INDEX CONCURRENTLY i ON users (email);\nCOMMIT;");
        write(dir, "V1__tx.sql.conf", "executeInTransaction=false\n");
        assertThat(rules(linter.lint(dir).files().get(0))).containsExactly("concurrent-index-in-transaction");
    }

    @Test
    void mixedSettingLetsAFileMixStatements() {
        String sql = "SET lock_timeout = '1s';\nCREATE INDEX CONCURRENTLY j ON users (name);";
        assertThat(rules(lint(sql))).containsExactly("flyway-mixed-transactional");
        assertThat(rules(MigrationLinter.configure().flywayMixed(true).load().lintScript("V1__m.sql", sql)))
                .isEmpty();
    }

    @Test
    void badInputIsRejectedWithItsPosition(@TempDir Path dir) throws IOException {
        assertThatThrownBy(() -> lint("SELECT 1;\nSELECT 'oops;"))
                .isInstanceOf(RoutingException.class)
                .hasMessageContaining("V9__test.sql:2:8: unterminated string literal");
        assertThatThrownBy(() -> lint("/* a /* b */ SELECT 1;"))
                .hasMessageContaining("1:1: unterminated block comment");
        assertThatThrownBy(() -> lint("DO $x$ BEGIN END $y$;")).hasMessageContaining("unterminated dollar-quoted");
        assertThatThrownBy(() -> lint("SELECT \"abc;")).hasMessageContaining("unterminated quoted identifier");
        Files.write(dir.resolve("V1__latin1.sql"), "SELECT 'caf\u00e9';".getBytes(StandardCharsets.ISO_8859_1));
        assertThatThrownBy(() -> linter.lint(dir, dir.resolve("missing")))
                .isInstanceOfSatisfying(
                        RoutingException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.MIGRATION_FAILED))
                .hasMessageContaining("is not UTF-8")
                .hasMessageContaining("missing' is neither a file nor a folder");
    }

    @Test
    void checkThrowsOnErrorsButNotOnWarnings(@TempDir Path dir) throws IOException {
        write(dir, "V1__warn.sql", "ALTER TABLE users ALTER COLUMN a DROP NOT NULL;");
        assertThat(linter.check(dir).findings()).extracting(Finding::severity).containsExactly(Severity.WARNING);
        write(dir, "V2__drop.sql", "ALTER TABLE users DROP COLUMN a;");
        assertThatThrownBy(() -> linter.check(dir))
                .isInstanceOf(RoutingException.class)
                .hasMessageContaining("V2__drop.sql:1:1 [drop-column]")
                .hasMessageContaining("fix: ");
    }

    @Test
    void severitiesAndExclusionsComeFromConfiguration() {
        MigrationLinter custom = MigrationLinter.configure()
                .runnerSetsLockTimeout(true)
                .exclude(LintRule.TRUNCATE)
                .severity(LintRule.DROP_COLUMN, Severity.WARNING)
                .load();
        FileReport report = custom.lintScript("V1__x.sql", "TRUNCATE users;\nALTER TABLE users DROP COLUMN a;");
        assertThat(report.findings()).singleElement().satisfies(f -> {
            assertThat(f.rule()).isEqualTo(LintRule.DROP_COLUMN);
            assertThat(f.severity()).isEqualTo(Severity.WARNING);
        });
    }

    @Test
    void lockTimeoutMissingIsReportedOncePerFile() {
        MigrationLinter strict = MigrationLinter.configure().load();
        FileReport report = strict.lintScript(
                "V1__x.sql", "ALTER TABLE users ADD COLUMN a text;\nALTER TABLE users ADD COLUMN b text;");
        assertThat(rules(report)).containsExactly("lock-timeout-missing");
        assertThat(report.findings().get(0).severity()).isEqualTo(Severity.WARNING);
        assertThat(rules(strict.lintScript("V1__x.sql", "SET lock_timeout = 0;\nTRUNCATE users;")))
                .containsExactly("lock-timeout-missing", "truncate");
    }

    static void write(Path dir, String name, String content) throws IOException {
        Files.writeString(dir.resolve(name), content);
    }
}
