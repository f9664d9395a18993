package dev.approuting.flyway.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.approuting.lint.internal.FlywayTransactions;
import dev.approuting.lint.internal.LockTable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.internal.parser.ParsingContext;
import org.flywaydb.core.internal.resource.StringResource;
import org.flywaydb.core.internal.sqlscript.SqlStatement;
import org.flywaydb.core.internal.sqlscript.SqlStatementIterator;
import org.flywaydb.database.postgresql.PostgreSQLParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * routing-lint's model of Flyway's transaction decision agrees, statement by statement, with the parser
 * of the Flyway on the class path, over every form of the lock table and the spellings that could tell
 * them apart. Without a database the parser takes the server for one older than PostgreSQL 12, so the
 * model is asked for 11.
 */
class FlywayTransactionModelTest {

    @Test
    void theModelIsOfTheFlywayVersionTheProjectShips() throws IOException {
        try (InputStream in = Flyway.class.getResourceAsStream("/org/flywaydb/core/internal/version.txt")) {
            String version = new String(Objects.requireNonNull(in).readAllBytes(), StandardCharsets.UTF_8).strip();
            assertThat(FlywayTransactions.shipped().version())
                    .as("update flyway-transactions.properties in routing-lint for Flyway " + version)
                    .isEqualTo(version);
        }
    }

    static Stream<String> scripts() {
        List<String> scripts = new ArrayList<>();
        for (LockTable.Row row : LockTable.get().rows()) {
            if (row.setup() != null) {
                scripts.add(row.setup());
            }
            if (row.probe() != null) {
                scripts.add(row.probe());
            }
        }
        scripts.addAll(List.of(
                "create unique index concurrently i on t (a)",
                "CREATE INDEX CONCURRENTLY IF NOT EXISTS i ON t (a)",
                "CREATE INDEX\n  CONCURRENTLY i ON t (a)",
                "/* c */ CREATE INDEX CONCURRENTLY i ON t (a)",
                "-- c\nDROP INDEX CONCURRENTLY IF EXISTS s.i",
                "DROP INDEX CONCURRENTLY \"i\"",
                "REINDEX INDEX CONCURRENTLY i",
                "REINDEX (VERBOSE) TABLE CONCURRENTLY t",
                "REINDEX (CONCURRENTLY) TABLE t",
                "REINDEX VERBOSE SCHEMA s",
                "REINDEX (VERBOSE) DATABASE d",
                "REINDEX SYSTEM d",
                "VACUUM (FULL, ANALYZE) t",
                "vacuum full t",
                "ANALYZE t",
                "CLUSTER",
                "CLUSTER VERBOSE t USING i",
                "ALTER TABLE p DETACH PARTITION c CONCURRENTLY",
                "ALTER TABLE p DETACH PARTITION c FINALIZE",
                "ALTER TYPE mood ADD VALUE 'x'",
                "ALTER TYPE s.mood ADD VALUE IF NOT EXISTS 'x' AFTER 'y'",
                "ALTER TYPE mood2 ADD VALUE 'x'",
                "ALTER TYPE mood RENAME VALUE 'x' TO 'y'",
                "CREATE DATABASE d",
                "DROP DATABASE IF EXISTS d",
                "CREATE TABLESPACE ts LOCATION '/x'",
                "DROP TABLESPACE ts",
                "CREATE SUBSCRIPTION s CONNECTION 'x' PUBLICATION p",
                "ALTER SUBSCRIPTION s REFRESH PUBLICATION",
                "ALTER SYSTEM SET work_mem = '8MB'",
                "ALTER DATABASE d SET TABLESPACE ts",
                "DISCARD ALL",
                "DISCARD PLANS",
                "REFRESH MATERIALIZED VIEW CONCURRENTLY v",
                "COMMIT PREPARED 'x'",
                "DO $$ BEGIN CREATE INDEX CONCURRENTLY i ON t (a); END $$",
                "SET lock_timeout = '5s'; CREATE INDEX CONCURRENTLY i ON t (a)",
                "SELECT 1 FROM t WHERE a IN (SELECT b FROM u) AND c = 'CREATE INDEX CONCURRENTLY'",
                "INSERT INTO a (b, c, d, e, f, g, h, i, j, k, l) SELECT 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11",
                "ALTER TABLE one.two.three ADD COLUMN b int",
                "UPDATE t SET a = 1 WHERE b = 2 AND c = 3 AND d = 4 AND e = 5 AND f = 6 AND g = 7 AND h = 8"));
        return scripts.stream();
    }

    @ParameterizedTest
    @MethodSource("scripts")
    void theModelDecidesAsFlywaysParser(String script) throws Exception {
        List<Boolean> flyway = new ArrayList<>();
        PostgreSQLParser parser = new PostgreSQLParser(Flyway.configure(), new ParsingContext());
        try (SqlStatementIterator statements = parser.parse(new StringResource(script))) {
            while (statements.hasNext()) {
                SqlStatement statement = statements.next();
                flyway.add(statement.canExecuteInTransaction());
            }
        }

        assertThat(FlywayTransactions.shipped().canExecuteInTransaction(script, 11))
                .as("in a transaction, statement by statement, per Flyway's parser")
                .isEqualTo(flyway);
    }

    @Test
    void fromPostgres12FlywayRunsAddValueInTheFilesTransaction() {
        assertThat(FlywayTransactions.shipped().canExecuteInTransaction("ALTER TYPE mood ADD VALUE 'x'", 11))
                .containsExactly(false);
        assertThat(FlywayTransactions.shipped().canExecuteInTransaction("ALTER TYPE mood ADD VALUE 'x'", 12))
                .containsExactly(true);
    }
}
