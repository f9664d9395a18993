package dev.approuting.flyway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.approuting.core.AppName;
import dev.approuting.core.CredentialsSource;
import dev.approuting.core.DbName;
import dev.approuting.core.DbRouterRegistry;
import dev.approuting.core.PerAppDbRouter;
import dev.approuting.fixtures.Company;
import dev.approuting.fixtures.TestServers;
import dev.approuting.flyway.AppMigrationResult.Outcome;
import dev.approuting.testkit.postgres.PostgresExtension;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class MigrateAllIT {
    private static final DbRouterRegistry REGISTRY = Company.registry();
    private static final List<DbName> DBS = REGISTRY.dbNames();
    /** Five databases, {@code workflow} and {@code users} among their apps in two of them. */
    private static final List<DbName> FIVE = DBS.subList(0, 5);

    @RegisterExtension
    static final PostgresExtension pg = PostgresExtension.embedded();

    @BeforeEach
    void freshDatabases() {
        TestServers.createDatabases(pg, DBS);
    }

    private static MigrateAll.Builder migrateAll() {
        return MigrateAll.configure(REGISTRY)
                .credentials(Company.credentials(pg, DBS))
                .parallelism(4);
    }

    private static MigrationConfig fixed() {
        return MigrationConfig.builder()
                .app("broken", s -> s.locations("classpath:db/migration-fixed/broken"))
                .build();
    }

    @Test
    void worksOnEightDatabasesAtOnceByDefaultWhateverTheCoreCount() {
        MigrateAll.Builder byDefault = MigrateAll.configure(REGISTRY).credentials(Company.credentials(pg, DBS));

        MigrateAllReport all = byDefault.load().plan();
        MigrateAllReport five = byDefault.databases(FIVE).load().plan();

        assertThat(DBS).hasSizeGreaterThan(MigrateAll.DEFAULT_PARALLELISM);
        assertThat(all.parallelism()).isEqualTo(MigrateAll.DEFAULT_PARALLELISM).isEqualTo(8);
        assertThat(five.parallelism()).as("never more threads than databases").isEqualTo(5);
    }

    @Test
    void migratesEveryDatabaseAndAFailingOneDoesNotStopTheOthers() {
        List<String> events = Collections.synchronizedList(new ArrayList<>());
        MigrationListener listener = new MigrationListener() {
            @Override
            public void databaseStarted(DbName db, List<AppName> apps) {
                events.add("start " + db);
            }

            @Override
            public void databaseFinished(DatabaseMigrationResult result) {
                events.add("finish " + result.db());
            }
        };

        MigrateAllReport report = migrateAll().listener(listener).load().run();

        assertThat(report.databases()).extracting(DatabaseMigrationResult::db).containsExactlyElementsOf(DBS);
        assertThat(report.failures()).extracting(DatabaseMigrationResult::db).containsExactly(Company.BROKEN_DB);
        assertThat(report.parallelism()).isEqualTo(4);
        assertThat(events).hasSize(20).contains("start d01", "finish d10");
        DatabaseMigrationResult broken = report.database(Company.BROKEN_DB).orElseThrow();
        assertThat(broken.apps())
                .extracting(AppMigrationResult::outcome)
                .containsExactly(Outcome.MIGRATED, Outcome.FAILED, Outcome.SKIPPED);
        MigrationError error = Objects.requireNonNull(
                broken.app(AppName.of("broken")).orElseThrow().error());
        assertThat(error.describe()).startsWith("V2__add_amount.sql line 4 (SQLState 42P01)");
        assertThat(TestServers.historyVersions(pg, "d01", "workflow")).containsExactly("1", "2", "3");
        assertThat(TestServers.historyVersions(pg, "d02", "workflow")).containsExactly("1", "2", "3");
        assertThat(pg.column("d02", "SELECT created_for FROM workflow.item")).containsExactly("d02.workflow");
        assertThat(TestServers.historyVersions(pg, "d10", "tags")).containsExactly("1", "2", "3");
        int migrations = 3 * 21 + 2 /* indexed */ + 1 /* broken V1 */ - 3 /* media in d09 skipped */;
        assertThat(report.appliedCount()).isEqualTo(migrations);

        MigrateAllReport rerun = migrateAll().config(fixed()).load().run();

        assertThat(rerun.success()).isTrue();
        DatabaseMigrationResult repaired = rerun.database(Company.BROKEN_DB).orElseThrow();
        assertThat(repaired.app(AppName.of("broken")).orElseThrow().applied()).containsExactly("2", "3");
        assertThat(repaired.app(AppName.of("media")).orElseThrow().applied()).containsExactly("1", "2", "3");
        assertThat(rerun.appliedCount()).isEqualTo(5);
        assertThat(TestServers.historyVersions(pg, "d09", "broken")).containsExactly("1", "2", "3");
    }

    @Test
    void dryRunChangesNothingAndStatusShowsBeforeAndAfter() {
        StatusReport before = migrateAll().load().status();
        assertThat(before.upToDate()).isFalse();
        assertThat(before.databases()).allMatch(DatabaseStatus::reachable);
        AppStatus usersBefore =
                before.database(DbName.of("d01")).orElseThrow().apps().get(0);
        assertThat(usersBefore.pending()).containsExactly("1", "2", "3");
        assertThat(usersBefore.historyPresent()).isFalse();
        assertThat(usersBefore.currentVersion()).isNull();

        MigrateAllReport plan = migrateAll().load().plan();

        assertThat(plan.dryRun()).isTrue();
        assertThat(plan.appliedCount()).isZero();
        assertThat(plan.pendingCount()).isEqualTo(before.pendingCount()).isEqualTo(3 * 21 + 2 + 3);
        assertThat(plan.database(DbName.of("d07"))
                        .orElseThrow()
                        .app(AppName.of("indexed"))
                        .orElseThrow()
                        .outcome())
                .isEqualTo(Outcome.PLANNED);
        for (DbName db : DBS) {
            assertThat(pg.column(
                            db.value(),
                            "SELECT count(*) FROM pg_namespace WHERE nspname NOT LIKE 'pg_%'"
                                    + " AND nspname NOT IN ('public', 'information_schema')"))
                    .as("schemas in %s after a dry run", db)
                    .containsExactly("0");
        }

        migrateAll().config(fixed()).load().run();
        StatusReport after = migrateAll().config(fixed()).load().status();

        assertThat(after.upToDate()).isTrue();
        assertThat(after.pendingCount()).isZero();
        AppStatus usersAfter =
                after.database(DbName.of("d01")).orElseThrow().apps().get(0);
        assertThat(usersAfter.currentVersion()).isEqualTo("3");
        assertThat(usersAfter.historyPresent()).isTrue();
    }

    @Test
    void statusAndValidateReportChangedScriptsAndUnreachableDatabases() {
        List<DbName> four = DBS.subList(0, 4);
        migrateAll().databases(four).load().run();
        pg.execute("d01", "UPDATE users.flyway_schema_history SET checksum = 1 WHERE version = '2'");
        pg.execute("d04", "UPDATE events.flyway_schema_history SET checksum = 1 WHERE version = '1'");

        StatusReport status = migrateAll().databases(four).load().status();
        ValidationReport validation = migrateAll().databases(four).load().validate();

        assertThat(status.upToDate()).isFalse();
        AppStatus users = status.database(DbName.of("d01")).orElseThrow().apps().get(0);
        assertThat(users.checksumMismatches()).containsExactly("2");
        assertThat(users.broken()).isTrue();
        assertThat(validation.valid()).isFalse();
        assertThat(validation.checked()).isEqualTo(8);
        assertThat(validation.problems())
                .extracting(p -> p.db() + "/" + p.app())
                .containsExactly("d01/users", "d04/events");
        assertThat(validation.problems().get(0).describe()).contains("checksum");

        MigrateAll unreachable = MigrateAll.configure(REGISTRY)
                .databases(List.of(DbName.of("d02"), DbName.of("d03")))
                .credentials(CredentialsSource.of(Map.of(
                        DbName.of("d03"), TestServers.superuser(pg, "d03"),
                        DbName.of("d02"), TestServers.superuser(pg, "no_such_database"))))
                .load();
        StatusReport partial = unreachable.status();
        assertThat(partial.databases()).extracting(DatabaseStatus::reachable).containsExactly(false, true);
        assertThat(Objects.requireNonNull(partial.databases().get(0).error()).sqlState())
                .isEqualTo("3D000");
        MigrateAllReport run = unreachable.run();
        assertThat(run.failures()).extracting(DatabaseMigrationResult::db).containsExactly(DbName.of("d02"));
        assertThat(run.database(DbName.of("d03")).orElseThrow().success()).isTrue();
    }

    @Test
    void reportsAppsNewToADatabaseAndHistoriesOfAppsNoLongerRoutedThere() {
        migrateAll().databases(List.of(DbName.of("d03"))).load().run();
        DbRouterRegistry moved = DbRouterRegistry.builder()
                .router(PerAppDbRouter.forDb("d03").apps("catalog", "reports").build())
                .build();

        MigrateAllReport plan = MigrateAll.configure(moved)
                .credentials(Company.credentials(pg, DBS))
                .load()
                .plan();

        DatabaseMigrationResult d03 = plan.database(DbName.of("d03")).orElseThrow();
        assertThat(d03.orphanedHistories()).containsExactly("search");
        assertThat(d03.app(AppName.of("reports")).orElseThrow().newHistory()).isTrue();
        assertThat(d03.app(AppName.of("catalog")).orElseThrow().newHistory()).isFalse();
        StatusReport status = MigrateAll.configure(moved)
                .credentials(Company.credentials(pg, DBS))
                .load()
                .status();
        assertThat(status.database(DbName.of("d03")).orElseThrow().orphanedHistories())
                .containsExactly("search");
    }

    @Test
    void twoConcurrentRunsApplyEachMigrationExactlyOnce() throws Exception {
        CyclicBarrier barrier = new CyclicBarrier(2);
        List<CompletableFuture<MigrateAllReport>> runs = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            runs.add(CompletableFuture.supplyAsync(() -> {
                await(barrier);
                return migrateAll().databases(FIVE).load().run();
            }));
        }
        MigrateAllReport first = runs.get(0).get();
        MigrateAllReport second = runs.get(1).get();

        assertThat(first.success()).isTrue();
        assertThat(second.success()).isTrue();
        assertThat(first.appliedCount() + second.appliedCount()).isEqualTo(3 * 10);
        for (DbName db : FIVE) {
            for (AppName app : REGISTRY.adminView(dev.approuting.core.Environment.PRODUCTION)
                    .require(db)
                    .apps()) {
                List<String> versions = TestServers.historyVersions(pg, db.value(), app.value());
                assertThat(versions)
                        .as("history of %s/%s", db, app)
                        .doesNotHaveDuplicates()
                        .isNotEmpty();
                AppMigrationResult a = first.database(db).orElseThrow().app(app).orElseThrow();
                AppMigrationResult b =
                        second.database(db).orElseThrow().app(app).orElseThrow();
                assertThat(a.currentVersion())
                        .isEqualTo(b.currentVersion())
                        .isEqualTo(versions.get(versions.size() - 1));
            }
        }
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
