package dev.approuting.lint.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.approuting.core.DbCredentials;
import dev.approuting.fixtures.TestServers;
import dev.approuting.lint.FileReport;
import dev.approuting.lint.FileTrace;
import dev.approuting.lint.Finding;
import dev.approuting.lint.LintReport;
import dev.approuting.lint.LintRule;
import dev.approuting.lint.MigrationLinter;
import dev.approuting.testkit.postgres.PostgresExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The traced run's sandbox on embedded PostgreSQL: hostile files fail and leave nothing behind, the files
 * run as a role that is no superuser, leftovers of killed runs are dropped while concurrent runs are not
 * disturbed, and placeholders are replaced as Flyway does.
 */
class TraceSandboxIT {
    @RegisterExtension
    static final PostgresExtension pg = PostgresExtension.embedded();

    @TempDir
    Path dir;

    private static DbCredentials admin() {
        return TestServers.superuser(pg, "postgres");
    }

    @AfterEach
    void nothingOfTheTraceIsLeft() {
        assertThat(pg.column("postgres", "SELECT datname FROM pg_database WHERE datname LIKE 'routing\\_trace\\_%'"))
                .as("scratch databases left behind")
                .isEmpty();
        assertThat(pg.column("postgres", "SELECT rolname FROM pg_roles WHERE rolname LIKE 'routing\\_trace\\_%'"))
                .as("trace roles left behind")
                .isEmpty();
    }

    private LintReport trace(String sql, MigrationLinter.Builder builder) throws IOException {
        Path app = Files.createDirectories(dir.resolve("shop"));
        try (var old = Files.list(app)) {
            for (Path p : old.toList()) {
                Files.delete(p);
            }
        }
        Files.writeString(app.resolve("V1__change.sql"), sql);
        return builder.trace(admin()).load().lint(app);
    }

    private LintReport trace(String sql) throws IOException {
        return trace(sql, MigrationLinter.configure().runnerSetsLockTimeout(true));
    }

    private static FileTrace traceOf(FileReport file) {
        return Objects.requireNonNull(file.trace(), "trace of " + file.path());
    }

    private static Finding failure(FileReport file) {
        return file.findings().stream()
                .filter(f -> f.rule() == LintRule.MIGRATION_FAILS)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no migration-fails in " + file.findings()));
    }

    @Test
    void hostileFilesFailInTheSandboxAndLeaveNoRoleDatabaseOrFileBehind() throws IOException {
        Path planted = dir.resolve("planted-by-copy-program");
        List<String> hostile = List.of(
                "CREATE ROLE routing_evil LOGIN SUPERUSER PASSWORD 'x';",
                "CREATE USER routing_evil2;",
                "COPY (SELECT 1) TO PROGRAM 'touch " + planted + "';",
                "CREATE DATABASE routing_evil_db;",
                "ALTER SYSTEM SET work_mem = '1GB';",
                "CREATE EXTENSION IF NOT EXISTS dblink;");
        for (String sql : hostile) {
            FileReport file = trace(sql).files().get(0);

            assertThat(file.hasErrors()).as(sql).isTrue();
            assertThat(traceOf(file).error()).as(sql).isNotNull();
            assertThat(failure(file).message()).as(sql).contains("PostgreSQL refused the file");
        }

        assertThat(pg.column("postgres", "SELECT rolname FROM pg_roles WHERE rolname LIKE 'routing\\_evil%'"))
                .isEmpty();
        assertThat(pg.column("postgres", "SELECT datname FROM pg_database WHERE datname = 'routing_evil_db'"))
                .isEmpty();
        assertThat(pg.column("postgres", "SELECT count(*) FROM pg_file_settings WHERE name = 'work_mem'"))
                .containsExactly("0");
        assertThat(planted).doesNotExist();
    }

    @Test
    void theFilesRunAsARoleThatIsNoSuperuserAndOnlyAsTheLoginWhenToldTo() throws IOException {
        String superuserOnly = "DO $$ BEGIN IF NOT (SELECT rolsuper FROM pg_roles WHERE rolname = current_user)"
                + " THEN RAISE EXCEPTION 'not a superuser: %', current_user; END IF; END $$;";

        FileReport sandboxed = trace(superuserOnly).files().get(0);
        assertThat(traceOf(sandboxed).error()).contains("not a superuser: routing_trace_");

        FileReport asLogin = trace(
                        superuserOnly,
                        MigrationLinter.configure().runnerSetsLockTimeout(true).traceAsLogin(true))
                .files()
                .get(0);
        assertThat(traceOf(asLogin).error()).isNull();
    }

    @Test
    void theSandboxOwnsItsScratchDatabaseSoOrdinaryMigrationsRun() throws IOException {
        FileReport file = trace("""
                        CREATE TABLE orders (id bigint PRIMARY KEY, note text);
                        CREATE INDEX orders_note ON orders (note);
                        CREATE FUNCTION f() RETURNS int LANGUAGE plpgsql AS $$ BEGIN RETURN 1; END $$;
                        CREATE EXTENSION IF NOT EXISTS pgcrypto;
                        CREATE SCHEMA reporting;
                        """).files().get(0);

        assertThat(traceOf(file).error()).isNull();
        assertThat(traceOf(file).statements()).hasSize(5);
    }

    @Test
    void placeholdersAreReplacedAsFlywayDoes() throws IOException {
        FileReport file = trace("""
                        CREATE TABLE ${app}_log (id int, source text DEFAULT '${flyway:filename}');
                        COMMENT ON TABLE ${app}_log IS 'in ${db} as ${flyway:user}, schema ${flyway:defaultSchema}';
                        DO $$ BEGIN
                          IF (SELECT obj_description('shop.shop_log'::regclass)) NOT LIKE 'in routing_trace_% as routing_trace_%, schema shop'
                          THEN RAISE EXCEPTION 'not replaced: %', obj_description('shop.shop_log'::regclass); END IF;
                          IF (SELECT column_default FROM information_schema.columns WHERE table_name = 'shop_log'
                              AND column_name = 'source') <> '''V1__change.sql''::text'
                          THEN RAISE EXCEPTION 'filename not replaced'; END IF;
                        END $$;
                        """).files().get(0);

        assertThat(traceOf(file).error()).isNull();
        assertThat(file.findings()).extracting(Finding::rule).doesNotContain(LintRule.MIGRATION_FAILS);
    }

    @Test
    void leftoversOfKilledRunsAreDroppedAndLiveRunsAreLeftAlone() throws Exception {
        pg.execute(
                "postgres",
                "CREATE ROLE routing_trace_0000000a LOGIN",
                "CREATE DATABASE routing_trace_0000000a OWNER routing_trace_0000000a",
                "CREATE DATABASE routing_trace_0000000b",
                "CREATE DATABASE routing_trace_0000000c",
                "CREATE ROLE routing_trace_00000000d3");
        try (Connection connected = pg.connect("routing_trace_0000000b");
                Connection locking = pg.connect("postgres");
                Statement lock = locking.createStatement()) {
            lock.execute("SELECT pg_advisory_lock(" + TraceSandbox.LOCK_CLASS + ", 12)"); // 0x0000000c
            assertThat(connected.isValid(1)).isTrue();

            FileReport file = trace("CREATE TABLE t (id int);").files().get(0);

            assertThat(traceOf(file).error()).isNull();
            assertThat(pg.column(
                            "postgres",
                            "SELECT datname FROM pg_database WHERE datname LIKE 'routing\\_trace\\_%' ORDER BY 1"))
                    .as("a killed run's database goes; one in use and one whose run holds its lock stay")
                    .containsExactly("routing_trace_0000000b", "routing_trace_0000000c");
            assertThat(pg.column("postgres", "SELECT rolname FROM pg_roles WHERE rolname LIKE 'routing\\_trace\\_%'"))
                    .isEmpty();
        }
        pg.execute(
                "postgres",
                "DROP DATABASE routing_trace_0000000b WITH (FORCE)",
                "DROP DATABASE routing_trace_0000000c");
    }

    @Test
    void concurrentRunsDoNotDropEachOthersScratchDatabases() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<LintReport>> runs = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                Path app = Files.createDirectories(dir.resolve("run" + i).resolve("shop"));
                Files.writeString(app.resolve("V1__slow.sql"), "CREATE TABLE t (id int);\nSELECT pg_sleep(0.3);");
                runs.add(pool.submit(() -> MigrationLinter.configure()
                        .runnerSetsLockTimeout(true)
                        .trace(admin())
                        .load()
                        .lint(app)));
            }
            for (Future<LintReport> run : runs) {
                FileReport file = run.get(60, TimeUnit.SECONDS).files().get(0);
                assertThat(traceOf(file).error()).as("a concurrent run").isNull();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
