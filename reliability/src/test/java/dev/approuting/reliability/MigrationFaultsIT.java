package dev.approuting.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.approuting.cli.RoutingCommandLine;
import dev.approuting.core.AppName;
import dev.approuting.core.CredentialsSource;
import dev.approuting.core.DbName;
import dev.approuting.core.DbRouterRegistry;
import dev.approuting.core.PerAppDbRouter;
import dev.approuting.fixtures.TestServers;
import dev.approuting.flyway.AppMigrationResult;
import dev.approuting.flyway.AppMigrationResult.Outcome;
import dev.approuting.flyway.MigrateAll;
import dev.approuting.flyway.MigrateAllReport;
import dev.approuting.flyway.MigrationConfig;
import dev.approuting.flyway.MigrationError;
import dev.approuting.testkit.postgres.PostgresExtension;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * migrate-all under faults: a migration failing at its third statement, a {@code routing migrate-all}
 * process killed with {@code kill -9} in the middle, and two such processes at once.
 */
@ExtendWith(SecretScan.class)
class MigrationFaultsIT {
    private static final String NAMESPACE = "rel";
    private static final String SLOW = "slow";
    private static final Pattern APPLIED = Pattern.compile("; (\\d+) migrations applied");

    @TempDir
    static Path temp;

    @RegisterExtension
    static final PostgresExtension pg = PostgresExtension.embedded();

    private static Path secrets;

    @BeforeAll
    static void start() throws IOException {
        secrets = Files.createDirectories(temp.resolve("secrets"));
        for (DbName db : SlowRegistry.DBS) {
            Files.writeString(
                    secrets.resolve(CredentialsSource.secretName(NAMESPACE, db)),
                    TestServers.superuser(pg, db.value()).toSecretJson());
        }
    }

    @Test
    void aMigrationFailingAtItsThirdStatementLeavesNothingBehindAndTheOthersFinish() throws IOException {
        Path scripts = Files.createDirectories(temp.resolve("third-statement"));
        write(scripts.resolve("ledger/V1__create_entry.sql"), "CREATE TABLE entry (id bigint PRIMARY KEY);");
        write(scripts.resolve("ledger/V2__add_amount.sql"), "ALTER TABLE entry ADD COLUMN amount numeric;");
        write(scripts.resolve("payments/V1__create_payment.sql"), "CREATE TABLE payment (id bigint PRIMARY KEY);");
        Path failing = scripts.resolve("payments/V2__add_amount.sql");
        write(failing, """
                ALTER TABLE payment ADD COLUMN amount numeric;
                CREATE INDEX payment_amount ON payment (amount);
                INSERT INTO no_such_table (id) VALUES (1);
                """);
        write(scripts.resolve("payments/V3__add_currency.sql"), "ALTER TABLE payment ADD COLUMN currency text;");
        List<DbName> dbs = Stream.of("m1", "m2", "m3", "m4").map(DbName::of).toList();
        TestServers.createDatabases(pg, dbs);
        DbRouterRegistry registry = DbRouterRegistry.builder()
                .router(PerAppDbRouter.forDb("m1").apps("ledger").build())
                .router(PerAppDbRouter.forDb("m2").apps("ledger").build())
                .router(PerAppDbRouter.forDb("m3").apps("ledger", "payments").build())
                .router(PerAppDbRouter.forDb("m4").apps("ledger").build())
                .build();
        MigrationConfig config = MigrationConfig.builder()
                .defaults(s -> s.locations("filesystem:" + scripts + "/{app}"))
                .build();
        MigrateAll migrateAll = MigrateAll.configure(registry)
                .credentials(superuser(dbs))
                .config(config)
                .allowUnsafe(
                        true) // the index build is what the lint gate refuses; this test is about a runtime failure
                .parallelism(2)
                .load();

        MigrateAllReport report = migrateAll.run();

        assertThat(report.failures()).extracting(r -> r.db().value()).containsExactly("m3");
        AppMigrationResult payments = report.database(DbName.of("m3"))
                .orElseThrow()
                .app(AppName.of("payments"))
                .orElseThrow();
        assertThat(payments.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(payments.applied()).containsExactly("1");
        assertThat(payments.pending()).containsExactly("2", "3");
        MigrationError error = Objects.requireNonNull(payments.error());
        assertThat(error.describe()).startsWith("V2__add_amount.sql line 3 (SQLState 42P01)");
        SecretScan.text("report", report.toString());
        assertThat(pg.column(
                        "m3",
                        "SELECT count(*) FROM information_schema.columns WHERE table_schema = 'payments'"
                                + " AND table_name = 'payment' AND column_name = 'amount'"))
                .as("column of the failed migration's first statement")
                .containsExactly("0");
        assertThat(pg.column("m3", "SELECT count(*) FROM pg_class WHERE relname = 'payment_amount'"))
                .as("index of its second statement")
                .containsExactly("0");
        assertThat(pg.column(
                        "m3",
                        "SELECT version || ':' || success FROM payments.flyway_schema_history"
                                + " WHERE version IS NOT NULL ORDER BY installed_rank"))
                .containsExactly("1:true");
        for (String db : List.of("m1", "m2", "m3", "m4")) {
            assertThat(TestServers.historyVersions(pg, db, "ledger"))
                    .as("ledger in %s", db)
                    .containsExactly("1", "2");
        }

        write(failing, """
                ALTER TABLE payment ADD COLUMN amount numeric;
                CREATE INDEX payment_amount ON payment (amount);
                CREATE TABLE payment_audit (id bigint);
                """);
        MigrateAllReport rerun = migrateAll.run();

        assertThat(rerun.success()).isTrue();
        assertThat(rerun.appliedCount()).isEqualTo(2);
        assertThat(TestServers.historyVersions(pg, "m3", "payments")).containsExactly("1", "2", "3");
        assertThat(pg.column("m3", "SELECT count(*) FROM pg_class WHERE relname = 'payment_amount'"))
                .containsExactly("1");
        Guarantees.record(
                "Faults",
                "migrate-all with a migration failing at its third statement: nothing of it remains, the others"
                        + " finish, the rerun after the fix finishes",
                "4 databases: the failing V2 (ADD COLUMN, CREATE INDEX, then an error) left no column, no index and"
                        + " no history row (error names V2__add_amount.sql line 3, SQLState 42P01); 3 other databases"
                        + " migrated; rerun after the fix applied V2 and V3 ("
                        + rerun.duration().toMillis() + " ms)");
    }

    @Test
    void aMigrateAllProcessKilledMidwayLeavesNoHalfAppliedMigrationAndNoLock() throws Exception {
        TestServers.createDatabases(pg, SlowRegistry.DBS);
        Process process = startRouting("killed");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        int appliedBeforeKill = 0;
        while (appliedBeforeKill < 6 && process.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(50);
            appliedBeforeKill = appliedVersions();
        }
        assertThat(process.isAlive())
                .as("routing migrate-all still running when killed")
                .isTrue();
        process.destroyForcibly();
        assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue())
                .as("exit value of a process killed by SIGKILL")
                .isEqualTo(137);

        long released = waitUntil(
                () -> pg.column("postgres", "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'")
                                .equals(List.of("0"))
                        && pg.column(
                                        "postgres",
                                        "SELECT count(*) FROM pg_stat_activity"
                                                + " WHERE application_name = 'approuting-migrate-all'")
                                .equals(List.of("0")),
                15);
        assertThat(released)
                .as("ms until the killed process's sessions and advisory locks were gone")
                .isNotNegative();
        int historyRows = 0;
        for (DbName db : SlowRegistry.DBS) {
            List<String> versions = slowVersions(db);
            historyRows += versions.size();
            for (int n = 1; n <= SlowRegistry.MIGRATIONS; n++) {
                List<String> table = pg.column(
                        db.value(),
                        "SELECT count(*) FROM pg_class c JOIN pg_namespace s"
                                + " ON s.oid = c.relnamespace WHERE s.nspname = 'slow' AND c.relname = 'step_" + n
                                + "'");
                boolean inHistory = versions.contains(Integer.toString(n));
                assertThat(table)
                        .as("%s: table step_%d exists exactly when V%d is in the history %s", db, n, n, versions)
                        .containsExactly(inHistory ? "1" : "0");
            }
            assertThat(failedRows(db)).as("failed history rows in %s", db).isZero();
        }
        assertThat(historyRows).isBetween(appliedBeforeKill, 10 * SlowRegistry.MIGRATIONS - 1);

        MigrateAllReport rerun = slowMigrateAll().run();

        assertThat(rerun.success()).isTrue();
        assertThat(rerun.appliedCount() + historyRows).isEqualTo(10 * SlowRegistry.MIGRATIONS);
        assertExactlyOnce();
        assertThat(pg.column("postgres", "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'"))
                .containsExactly("0");
        scanOutput("killed");
        Guarantees.record(
                "Faults",
                "a migrate-all process killed with kill -9: the rerun completes, no migration half-applied,"
                        + " history consistent, no lock left",
                String.format(
                        Locale.ROOT,
                        "10 databases x 3 migrations (each DDL, 0.2 s pause, insert): killed after %d of 30 applied;"
                                + " every table present exactly when its version is in the history, 0 failed rows;"
                                + " sessions and advisory locks gone %d ms after the kill; the rerun applied the other"
                                + " %d in %d ms, each migration exactly once",
                        historyRows,
                        released,
                        rerun.appliedCount(),
                        rerun.duration().toMillis()));
    }

    @Test
    void twoMigrateAllProcessesAtOnceApplyEachMigrationExactlyOnce() throws Exception {
        TestServers.createDatabases(pg, SlowRegistry.DBS);
        long start = System.nanoTime();
        Process first = startRouting("first");
        Process second = startRouting("second");
        java.util.concurrent.CompletableFuture<Long> firstExit =
                first.onExit().thenApply(p -> (System.nanoTime() - start) / 1_000_000);
        java.util.concurrent.CompletableFuture<Long> secondExit =
                second.onExit().thenApply(p -> (System.nanoTime() - start) / 1_000_000);
        assertThat(first.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(second.waitFor(120, TimeUnit.SECONDS)).isTrue();
        long took = (System.nanoTime() - start) / 1_000_000;
        String firstOut = scanOutput("first");
        String secondOut = scanOutput("second");
        assertThat(first.exitValue()).as("first process, output:%n%s", firstOut).isZero();
        assertThat(second.exitValue())
                .as("second process, output:%n%s", secondOut)
                .isZero();
        int appliedByFirst = applied(firstOut);
        int appliedBySecond = applied(secondOut);

        assertThat(appliedByFirst + appliedBySecond).isEqualTo(10 * SlowRegistry.MIGRATIONS);
        assertExactlyOnce();
        Guarantees.record(
                "Faults",
                "two migrate-all processes at once: each migration applied exactly once",
                "2 routing migrate-all JVMs on 10 databases x 3 migrations: both exited 0, applied " + appliedByFirst
                        + " + " + appliedBySecond + " = 30, every version once in each history, every table one row"
                        + " (processes exited after " + firstExit.get(10, TimeUnit.SECONDS) + " and "
                        + secondExit.get(10, TimeUnit.SECONDS) + " ms, " + took + " ms in all)");
    }

    private static MigrateAll slowMigrateAll() {
        return MigrateAll.configure(new SlowRegistry().registry())
                .credentials(CredentialsSource.mountedSecrets(secrets, NAMESPACE))
                .parallelism(4)
                .load();
    }

    private static void assertExactlyOnce() {
        for (DbName db : SlowRegistry.DBS) {
            assertThat(pg.column(
                            db.value(),
                            "SELECT version || ':' || count(*) FROM slow.flyway_schema_history WHERE version IS NOT"
                                    + " NULL GROUP BY version ORDER BY version"))
                    .as("history of %s", db)
                    .containsExactlyElementsOf(IntStream.rangeClosed(1, SlowRegistry.MIGRATIONS)
                            .mapToObj(n -> n + ":1")
                            .toList());
            assertThat(failedRows(db)).isZero();
            for (int n = 1; n <= SlowRegistry.MIGRATIONS; n++) {
                assertThat(pg.column(
                                db.value(),
                                "SELECT created_in || ':' || count(*) FROM slow.step_" + n + " GROUP BY created_in"))
                        .containsExactly(db + ":1");
            }
        }
    }

    private static int failedRows(DbName db) {
        if (!hasHistory(db)) {
            return 0;
        }
        return Integer.parseInt(
                pg.column(db.value(), "SELECT count(*) FROM slow.flyway_schema_history WHERE NOT success")
                        .get(0));
    }

    private static List<String> slowVersions(DbName db) {
        return hasHistory(db) ? TestServers.historyVersions(pg, db.value(), SLOW) : List.of();
    }

    private static boolean hasHistory(DbName db) {
        return pg.column(db.value(), "SELECT to_regclass('slow.flyway_schema_history') IS NOT NULL")
                .equals(List.of("t"));
    }

    private static int appliedVersions() {
        int applied = 0;
        for (DbName db : SlowRegistry.DBS) {
            applied += slowVersions(db).size();
        }
        return applied;
    }

    /** Starts {@code routing migrate-all} over {@link SlowRegistry} in a JVM of its own. */
    private static Process startRouting(String name) throws IOException {
        String java = Path.of(Objects.requireNonNull(System.getProperty("java.home")), "bin", "java")
                .toString();
        List<String> command = new ArrayList<>(List.of(
                java,
                "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC",
                "-cp",
                Objects.requireNonNull(System.getProperty("java.class.path")),
                RoutingCommandLine.class.getName(),
                "--registry-class",
                SlowRegistry.class.getName(),
                "migrate-all",
                "--secrets-dir",
                secrets.toString(),
                "--namespace",
                NAMESPACE,
                "--parallel",
                "4"));
        File output = temp.resolve(name + ".out").toFile();
        return new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(output)
                .start();
    }

    private static String scanOutput(String name) throws IOException {
        String output = Files.readString(temp.resolve(name + ".out"), StandardCharsets.UTF_8);
        SecretScan.text("routing process " + name, output);
        return output;
    }

    private static int applied(String output) {
        Matcher m = APPLIED.matcher(output);
        assertThat(m.find()).as("summary line in:%n%s", output).isTrue();
        return Integer.parseInt(Objects.requireNonNull(m.group(1)));
    }

    /** Polls {@code condition} for up to {@code seconds}; returns the milliseconds it took, or -1. */
    private static long waitUntil(java.util.function.BooleanSupplier condition, int seconds)
            throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return (System.nanoTime() - start) / 1_000_000;
            }
            Thread.sleep(20);
        }
        return -1;
    }

    private static CredentialsSource superuser(List<DbName> dbs) {
        java.util.Map<DbName, dev.approuting.core.DbCredentials> map = new java.util.LinkedHashMap<>();
        dbs.forEach(db -> map.put(db, TestServers.superuser(pg, db.value())));
        return CredentialsSource.of(map);
    }

    private static void write(Path file, String sql) throws IOException {
        Files.createDirectories(Objects.requireNonNull(file.getParent()));
        Files.writeString(file, sql, StandardCharsets.UTF_8);
    }
}
