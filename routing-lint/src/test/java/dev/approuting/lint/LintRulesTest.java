package dev.approuting.lint;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** One case per rule: the unsafe form is reported, the nearest safe form is not. */
class LintRulesTest {

    static Stream<Arguments> cases() {
        UnaryOperator<MigrationLinter.Builder> none = b -> b;
        return Stream.of(
                Arguments.of(
                        "rename-column",
                        none,
                        "ALTER TABLE users RENAME COLUMN email TO mail;",
                        "CREATE TABLE t (a int); ALTER TABLE t RENAME COLUMN a TO b;"),
                Arguments.of(
                        "rename-column",
                        none,
                        "ALTER TABLE users RENAME email TO mail;",
                        "ALTER TABLE users ADD COLUMN tmp text; ALTER TABLE users RENAME tmp TO mail;"),
                Arguments.of(
                        "rename-table",
                        none,
                        "ALTER TABLE users RENAME TO people;",
                        "CREATE TABLE t (a int); ALTER TABLE t RENAME TO people;"),
                Arguments.of(
                        "rename-table",
                        none,
                        "ALTER TABLE IF EXISTS ONLY app.users SET SCHEMA archive;",
                        "CREATE TABLE t (a int); ALTER TABLE t SET SCHEMA archive;"),
                Arguments.of(
                        "drop-column",
                        none,
                        "ALTER TABLE users DROP COLUMN IF EXISTS email CASCADE;",
                        "ALTER TABLE users ADD COLUMN tmp text; ALTER TABLE users DROP COLUMN tmp;"),
                Arguments.of(
                        "drop-table",
                        none,
                        "DROP TABLE IF EXISTS users, orders CASCADE;",
                        "CREATE TABLE t (a int); DROP TABLE t;"),
                Arguments.of(
                        "drop-schema",
                        none,
                        "DROP SCHEMA legacy CASCADE;",
                        "CREATE SCHEMA scratch; DROP SCHEMA scratch;"),
                Arguments.of(
                        "add-column-not-null-no-default",
                        none,
                        "ALTER TABLE users ADD COLUMN age integer NOT NULL;",
                        "ALTER TABLE users ADD COLUMN age integer NOT NULL DEFAULT 0;"),
                Arguments.of(
                        "add-column-not-null-no-default",
                        none,
                        "ALTER TABLE users ADD COLUMN age int NOT NULL DEFAULT 0;\n"
                                + "ALTER TABLE users ALTER COLUMN age DROP DEFAULT;",
                        "ALTER TABLE users ADD COLUMN age int DEFAULT 0;\n"
                                + "ALTER TABLE users ALTER COLUMN age DROP DEFAULT;"),
                Arguments.of(
                        "alter-column-type",
                        none,
                        "ALTER TABLE users ALTER COLUMN age TYPE bigint;",
                        "CREATE TABLE t (a varchar(10)); ALTER TABLE t ALTER COLUMN a TYPE text;"),
                Arguments.of(
                        "alter-column-type",
                        none,
                        "CREATE TABLE t (a varchar(10)); ALTER TABLE t ADD COLUMN b int; ALTER TABLE users ALTER"
                                + " COLUMN c SET DATA TYPE text USING c::text;",
                        "CREATE TABLE t (a varchar(10)); ALTER TABLE t ALTER COLUMN a SET DATA TYPE text USING a;"),
                Arguments.of("truncate", none, "TRUNCATE TABLE users;", "CREATE TABLE t (a int); TRUNCATE t;"),
                Arguments.of(
                        "drop-not-null",
                        none,
                        "ALTER TABLE users ALTER COLUMN email DROP NOT NULL;",
                        "CREATE TABLE t (a int NOT NULL); ALTER TABLE t ALTER a DROP NOT NULL;"),
                Arguments.of(
                        "rename-enum-value",
                        none,
                        "ALTER TYPE mood RENAME VALUE 'ok' TO 'fine';",
                        "CREATE TYPE mood AS ENUM ('ok'); ALTER TYPE mood RENAME VALUE 'ok' TO 'fine';"),
                Arguments.of(
                        "create-index-non-concurrent",
                        none,
                        "CREATE UNIQUE INDEX users_email ON users (email);",
                        "CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS users_email ON users (email);"),
                Arguments.of(
                        "create-index-non-concurrent",
                        none,
                        "CREATE INDEX ON users (email);",
                        "CREATE TABLE t (a int); CREATE INDEX ON t (a);"),
                Arguments.of(
                        "drop-index-non-concurrent",
                        none,
                        "DROP INDEX IF EXISTS users_email;",
                        "DROP INDEX CONCURRENTLY IF EXISTS users_email;"),
                Arguments.of(
                        "drop-index-non-concurrent",
                        none,
                        "DROP INDEX users_email;",
                        "CREATE TABLE t (a int); CREATE INDEX t_a ON t (a); DROP INDEX t_a;"),
                Arguments.of(
                        "concurrent-index-in-transaction",
                        none,
                        "DO $$ BEGIN CREATE INDEX CONCURRENTLY users_email ON users (email); END $$;",
                        "CREATE INDEX CONCURRENTLY users_email ON users (email);"),
                Arguments.of(
                        "add-fk-validated",
                        none,
                        "ALTER TABLE orders ADD CONSTRAINT orders_user_fk FOREIGN KEY (user_id) REFERENCES users (id);",
                        "ALTER TABLE orders ADD CONSTRAINT orders_user_fk FOREIGN KEY (user_id) REFERENCES users (id)"
                                + " NOT VALID;"),
                Arguments.of(
                        "add-fk-validated",
                        none,
                        "ALTER TABLE orders ADD COLUMN user_id bigint DEFAULT 1 REFERENCES users (id);",
                        "ALTER TABLE orders ADD COLUMN user_id bigint REFERENCES users (id);"),
                Arguments.of(
                        "add-fk-validated",
                        none,
                        "ALTER TABLE orders ADD CONSTRAINT fk FOREIGN KEY (user_id) REFERENCES users NOT VALID;\n"
                                + "ALTER TABLE orders VALIDATE CONSTRAINT fk;",
                        "ALTER TABLE orders VALIDATE CONSTRAINT fk;"),
                Arguments.of(
                        "add-check-constraint-validated",
                        none,
                        "ALTER TABLE users ADD CONSTRAINT age_positive CHECK (age > 0);",
                        "ALTER TABLE users ADD CONSTRAINT age_positive CHECK (age > 0) NOT VALID;"),
                Arguments.of(
                        "set-not-null",
                        none,
                        "ALTER TABLE users ALTER COLUMN email SET NOT NULL;",
                        "CREATE TABLE t (a int); ALTER TABLE t ALTER COLUMN a SET NOT NULL;"),
                Arguments.of(
                        "volatile-default",
                        none,
                        "ALTER TABLE users ADD COLUMN token uuid DEFAULT gen_random_uuid();",
                        "ALTER TABLE users ADD COLUMN created_at timestamptz DEFAULT now();"),
                Arguments.of(
                        "volatile-default",
                        none,
                        "ALTER TABLE users ADD COLUMN n bigserial;",
                        "ALTER TABLE users ADD COLUMN n bigint;"),
                Arguments.of(
                        "volatile-default",
                        none,
                        "ALTER TABLE users ADD COLUMN id2 bigint GENERATED ALWAYS AS IDENTITY;",
                        "ALTER TABLE users ADD COLUMN label text DEFAULT 'x'::text;"),
                Arguments.of(
                        "add-generated-stored-column",
                        none,
                        "ALTER TABLE users ADD COLUMN full_name text GENERATED ALWAYS AS (first || ' ' || last)"
                                + " STORED;",
                        "ALTER TABLE users ADD COLUMN full_name text;"),
                Arguments.of(
                        "add-unique-constraint",
                        none,
                        "ALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE (email);",
                        "ALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE USING INDEX users_email_idx;"),
                Arguments.of(
                        "add-unique-constraint",
                        none,
                        "ALTER TABLE users ADD PRIMARY KEY (id) USING INDEX TABLESPACE fast;",
                        "ALTER TABLE users ADD CONSTRAINT users_pkey PRIMARY KEY USING INDEX users_id_idx;"),
                Arguments.of(
                        "add-exclusion-constraint",
                        none,
                        "ALTER TABLE bookings ADD CONSTRAINT no_overlap EXCLUDE USING gist (room WITH =, during WITH"
                                + " &&);",
                        "CREATE TABLE bookings (room int, during tstzrange, EXCLUDE USING gist (room WITH =, during"
                                + " WITH &&));"),
                Arguments.of(
                        "reindex-non-concurrent",
                        none,
                        "REINDEX INDEX users_email;",
                        "REINDEX INDEX CONCURRENTLY users_email;"),
                Arguments.of(
                        "reindex-non-concurrent",
                        none,
                        "REINDEX (VERBOSE) TABLE users;",
                        "REINDEX (VERBOSE) TABLE CONCURRENTLY users;"),
                Arguments.of(
                        "set-logged-unlogged",
                        none,
                        "ALTER TABLE events SET UNLOGGED;",
                        "CREATE TABLE e (a int); ALTER TABLE e SET LOGGED;"),
                Arguments.of(
                        "transaction-nesting",
                        none,
                        "BEGIN;\nALTER TABLE users ADD COLUMN x text;\nCOMMIT;",
                        "ALTER TABLE users ADD COLUMN x text;"),
                Arguments.of(
                        "lock-timeout-missing",
                        (UnaryOperator<MigrationLinter.Builder>) b -> b.runnerSetsLockTimeout(false),
                        "ALTER TABLE users ADD COLUMN x text;",
                        "SET lock_timeout = '5s';\nALTER TABLE users ADD COLUMN x text;"),
                Arguments.of(
                        "flyway-mixed-transactional",
                        none,
                        "CREATE INDEX CONCURRENTLY i ON users (email);\nALTER TABLE users ADD COLUMN x text;",
                        "CREATE INDEX CONCURRENTLY i ON users (email);\nDROP INDEX CONCURRENTLY j;"),
                Arguments.of(
                        "flyway-mixed-transactional",
                        none,
                        "VACUUM users;\nALTER TABLE users ADD COLUMN x text;",
                        "VACUUM ANALYZE users;"),
                Arguments.of(
                        "strict-seed-column",
                        (UnaryOperator<MigrationLinter.Builder>) b -> b.strictSeed(true),
                        "ALTER TABLE users ADD COLUMN nick text;",
                        "ALTER TABLE users ADD COLUMN nick text DEFAULT '';"),
                Arguments.of(
                        "strict-seed-column",
                        (UnaryOperator<MigrationLinter.Builder>) b -> b.strictSeed(true),
                        "ALTER TABLE users ADD COLUMN nick text NOT NULL DEFAULT '';",
                        "ALTER TABLE users ADD COLUMN nick text NULL DEFAULT '';"),
                Arguments.of(
                        "flyway-cic-transactional-lock",
                        (UnaryOperator<MigrationLinter.Builder>) b -> b.flywayTransactionalLock(true),
                        "CREATE INDEX CONCURRENTLY i ON users (email);",
                        "ALTER TABLE users ADD COLUMN x text;"),
                Arguments.of(
                        "fails-in-transaction",
                        none,
                        "ALTER TABLE events DETACH PARTITION events_2020 CONCURRENTLY;",
                        "ALTER TABLE events DETACH PARTITION events_2020 FINALIZE;"),
                Arguments.of(
                        "fails-in-transaction",
                        none,
                        "ALTER TYPE mood ADD VALUE 'happy';\nUPDATE people SET mood = 'happy' WHERE id = 1;",
                        "ALTER TYPE mood ADD VALUE 'happy';\nUPDATE people SET mood = 'ok' WHERE id = 1;"),
                Arguments.of(
                        "table-maintenance",
                        none,
                        "CLUSTER orders USING orders_pkey;",
                        "CREATE TABLE t (id int PRIMARY KEY); CLUSTER t USING t_pkey;"),
                Arguments.of("table-maintenance", none, "VACUUM FULL orders;", "VACUUM ANALYZE orders;"),
                Arguments.of(
                        "refresh-materialized-view",
                        none,
                        "REFRESH MATERIALIZED VIEW order_totals;",
                        "REFRESH MATERIALIZED VIEW CONCURRENTLY order_totals;"),
                Arguments.of(
                        "detach-partition",
                        none,
                        "ALTER TABLE events DETACH PARTITION events_2020;",
                        "CREATE TABLE e (id int) PARTITION BY RANGE (id);\nCREATE TABLE e1 PARTITION OF e FOR VALUES"
                                + " FROM (0) TO (10);\nALTER TABLE e DETACH PARTITION e1;"),
                Arguments.of(
                        "attach-partition",
                        none,
                        "ALTER TABLE events ATTACH PARTITION events_2021 FOR VALUES FROM ('2021-01-01') TO"
                                + " ('2022-01-01');",
                        "CREATE TABLE events_2021 (LIKE events);\nALTER TABLE events ATTACH PARTITION events_2021 FOR"
                                + " VALUES FROM ('2021-01-01') TO ('2022-01-01');"),
                Arguments.of(
                        "domain-constraint",
                        none,
                        "ALTER DOMAIN amount ADD CONSTRAINT amount_positive CHECK (VALUE > 0);",
                        "ALTER DOMAIN amount ADD CONSTRAINT amount_positive CHECK (VALUE > 0) NOT VALID;"),
                Arguments.of(
                        "domain-constraint",
                        none,
                        "ALTER DOMAIN amount SET NOT NULL;",
                        "CREATE DOMAIN amount AS int;\nALTER DOMAIN amount SET NOT NULL;"),
                Arguments.of(
                        "rename-schema",
                        none,
                        "ALTER SCHEMA orders RENAME TO shop;",
                        "CREATE SCHEMA staging;\nALTER SCHEMA staging RENAME TO shop;"),
                Arguments.of(
                        "backfill-under-lock",
                        none,
                        "ALTER TABLE users ADD COLUMN plan text;\nUPDATE users SET plan = 'free';",
                        "ALTER TABLE users ADD COLUMN plan text;\nUPDATE accounts SET plan = 'free';"),
                Arguments.of("drop-database", none, "DROP DATABASE legacy;", "CREATE TABLE t (id int);"),
                Arguments.of(
                        "cluster-statement",
                        none,
                        "CREATE ROLE reporting LOGIN SUPERUSER;",
                        "CREATE EXTENSION IF NOT EXISTS pgcrypto;"),
                Arguments.of(
                        "add-json-column",
                        none,
                        "ALTER TABLE users ADD COLUMN properties json;",
                        "ALTER TABLE users ADD COLUMN properties jsonb;"),
                Arguments.of(
                        "invalid-suppression",
                        none,
                        "-- routing:ignore drop-column\nALTER TABLE users DROP COLUMN a;",
                        "-- routing:ignore drop-column reason: unused since release 4.2\nALTER TABLE users DROP COLUMN"
                                + " a;"));
    }

    @ParameterizedTest(name = "{0}: {2}")
    @MethodSource("cases")
    void unsafeIsReportedAndNearestSafeFormIsNot(
            String rule, UnaryOperator<MigrationLinter.Builder> config, String unsafe, String safe) {
        MigrationLinter linter = config.apply(MigrationLinter.configure().runnerSetsLockTimeout(true))
                .load();
        assertThat(rules(linter.lintScript("V2__unsafe.sql", unsafe))).contains(rule);
        assertThat(rules(linter.lintScript("V2__safe.sql", safe))).doesNotContain(rule);
    }

    @Test
    void everyStaticRuleHasACase() {
        List<String> covered = cases().map(a -> (String) a.get()[0]).distinct().toList();
        assertThat(covered)
                .containsExactlyInAnyOrderElementsOf(Stream.of(LintRule.values())
                        .filter(r -> !r.traced())
                        .map(LintRule::id)
                        .toList());
    }

    static List<String> rules(FileReport report) {
        return report.findings().stream().map(f -> f.rule().id()).toList();
    }
}
