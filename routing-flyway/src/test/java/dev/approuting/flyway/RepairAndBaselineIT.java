package dev.approuting.flyway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.approuting.core.AppName;
import dev.approuting.core.CredentialsSource;
import dev.approuting.core.DbCredentials;
import dev.approuting.core.DbName;
import dev.approuting.core.DbRouterRegistry;
import dev.approuting.core.ErrorCode;
import dev.approuting.core.PerAppDbRouter;
import dev.approuting.core.RoutingException;
import dev.approuting.testkit.postgres.PostgresExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code repair()} and {@code baseline()}: dry runs, reports, refusals, and the lock a running migrate-all holds. */
class RepairAndBaselineIT {
    @RegisterExtension
    static final PostgresExtension pg = PostgresExtension.embedded();

    private static final DbName SHOP = DbName.of("rb_shop");
    private static final DbName LEGACY = DbName.of("rb_legacy");
    private static final DbName WAIT = DbName.of("rb_wait");
    private static final List<DbName> DBS = List.of(SHOP, LEGACY, WAIT);
    private static final AppName BOOKS = AppName.of("books");
    private static final DbRouterRegistry REGISTRY = DbRouterRegistry.builder()
            .router(PerAppDbRouter.forDb(SHOP.value()).apps("books").build())
            .router(PerAppDbRouter.forDb(LEGACY.value()).apps("books", "fresh").build())
            .router(PerAppDbRouter.forDb(WAIT.value()).apps("waits").build())
            .build();
    /** How long a step that should happen at once may take on a loaded machine before the test gives up. */
    private static final Duration PROMPT = Duration.ofSeconds(30);

    @TempDir
    Path scripts;

    @BeforeEach
    void freshDatabases() throws IOException {
        for (DbName db : DBS) {
            pg.execute("postgres", "DROP DATABASE IF EXISTS " + db + " WITH (FORCE)", "CREATE DATABASE " + db);
        }
        write("books/V1__create_entry.sql", "CREATE TABLE entry (id bigint PRIMARY KEY);");
        write("books/V2__add_note.sql", "ALTER TABLE entry ADD COLUMN note text;");
        write("fresh/V1__create_thing.sql", "CREATE TABLE thing (id bigint PRIMARY KEY);");
        // Waits for an advisory lock the test holds, so a migrate-all is caught in the middle of its run.
        write("waits/V1__wait.sql", "CREATE TABLE w (id int);\nSELECT pg_advisory_xact_lock(4242);");
    }

    private void write(String file, String sql) throws IOException {
        Path path = scripts.resolve(file);
        Files.createDirectories(path.getParent());
        Files.writeString(path, sql);
    }

    private MigrateAll migrateAll(DbName... dbs) {
        Map<DbName, DbCredentials> credentials = new LinkedHashMap<>();
        DBS.forEach(db ->
                credentials.put(db, DbCredentials.of(pg.host(), pg.port(), db.value(), pg.user(), pg.password())));
        return MigrateAll.configure(REGISTRY)
                .credentials(CredentialsSource.of(credentials))
                .databases(List.of(dbs))
                .config(MigrationConfig.builder()
                        .defaults(s -> s.locations("filesystem:" + scripts + "/{app}"))
                        .build())
                .load();
    }

    @Test
    void repairPlansThenRemovesFailedRowsRealignsChangedScriptsAndMarksMissingOnesDeleted() throws IOException {
        write("books/V3__add_tag.sql", "ALTER TABLE entry ADD COLUMN tag text;");
        // Non-transactional (CONCURRENTLY), so its failure stays in the history as a failed row.
        write("books/V4__index.sql", "CREATE INDEX CONCURRENTLY entry_missing ON no_such_table (id);");
        MigrateAll shop = migrateAll(SHOP);
        assertThat(shop.run().success()).isFalse();
        write("books/V2__add_note.sql", "-- reworded after it was applied\nALTER TABLE entry ADD COLUMN note text;");
        // V3's script is gone while a later one (V4) is still there: V3 is missing, not a future version.
        Files.delete(scripts.resolve("books/V3__add_tag.sql"));

        ValidationReport broken = shop.validate();
        assertThat(broken.valid()).isFalse();
        assertThat(broken.problems())
                .extracting(ValidationReport.Problem::message)
                .anySatisfy(m -> assertThat(m).contains("run repair() for app 'books' in database 'rb_shop'"));

        RepairReport plan = shop.planRepair();

        assertThat(plan.dryRun()).isTrue();
        RepairReport.Repair planned = plan.repairs().get(0);
        assertThat(planned.removed()).containsExactly("4");
        assertThat(planned.aligned()).containsExactly("2");
        assertThat(planned.deleted()).containsExactly("3");
        assertThat(planned.describe()).isEqualTo("rb_shop/books: removed failed 4; realigned 2; marked deleted 3");
        assertThat(shop.validate().valid()).as("a plan changes nothing").isFalse();

        RepairReport repaired = shop.repair().orThrow();

        assertThat(repaired.changed()).isTrue();
        assertThat(repaired.repairs().get(0).removed()).containsExactly("4");
        assertThat(repaired.repairs().get(0).aligned()).containsExactly("2");
        assertThat(repaired.repairs().get(0).deleted()).containsExactly("3");
        assertThat(shop.validate().problems()).isEmpty();
        assertThat(shop.status().databases().get(0).apps().get(0).pending())
                .as("the failed V4 is pending again, to be fixed and migrated")
                .containsExactly("4");
        assertThat(shop.planRepair().changed()).isFalse();
        assertThat(pg.column(SHOP.value(), "SELECT count(*) FROM books.entry")).containsExactly("0");
    }

    @Test
    void baselineAdoptsExistingTablesOnceAndMigrateAllAppliesOnlyLaterMigrations() {
        pg.execute(LEGACY.value(), "CREATE SCHEMA books", "CREATE TABLE books.entry (id bigint PRIMARY KEY)");
        pg.execute(LEGACY.value(), "INSERT INTO books.entry VALUES (7)");
        MigrateAll legacy = migrateAll(LEGACY);

        BaselineReport plan = legacy.planBaseline("1", "adopted from public", BOOKS);

        assertThat(plan.baselines())
                .extracting(BaselineReport.Baseline::outcome)
                .containsExactly(BaselineReport.Outcome.PLANNED);
        assertThat(pg.column(LEGACY.value(), "SELECT to_regclass('books.flyway_schema_history')::text"))
                .containsExactly((String) null);

        BaselineReport done = legacy.baseline("1", "adopted from public", BOOKS).orThrow();

        assertThat(done.baselines().get(0).describe()).isEqualTo("rb_legacy/books: baselined");
        assertThat(pg.column(
                        LEGACY.value(),
                        "SELECT version || ' ' || description || ' ' || type FROM books.flyway_schema_history"
                                + " WHERE type = 'BASELINE'"))
                .containsExactly("1 adopted from public BASELINE");
        assertThat(legacy.baseline("1", "adopted from public", BOOKS)
                        .baselines()
                        .get(0)
                        .outcome())
                .isEqualTo(BaselineReport.Outcome.ALREADY_BASELINED);

        MigrateAllReport migrated = legacy.run();

        AppMigrationResult books =
                migrated.database(LEGACY).orElseThrow().app(BOOKS).orElseThrow();
        assertThat(books.applied()).containsExactly("2");
        assertThat(pg.column(LEGACY.value(), "SELECT id || ' ' || coalesce(note, '-') FROM books.entry"))
                .containsExactly("7 -");
        BaselineReport again = legacy.baseline("1", "adopted from public", BOOKS);
        assertThat(again.success()).isFalse();
        assertThat(Objects.requireNonNull(again.baselines().get(0).error()).message())
                .contains("app 'books' in database 'rb_legacy' already has a migration history")
                .contains("newest version 2")
                .contains("nothing changed");
    }

    @Test
    void baselineRefusesAnAppWhoseSchemaHoldsNoTablesAndBadInput() {
        MigrateAll legacy = migrateAll(LEGACY);

        BaselineReport report = legacy.baseline("1", "adopted", AppName.of("fresh"));

        assertThat(report.success()).isFalse();
        assertThat(Objects.requireNonNull(report.baselines().get(0).error()).message())
                .contains("schema 'fresh' in database 'rb_legacy' holds no tables")
                .contains("would never create them")
                .contains("docs/adopting.md");
        assertThatThrownBy(report::orThrow).isInstanceOf(RoutingException.class).hasMessageContaining("'fresh'");
        assertThat(pg.column(LEGACY.value(), "SELECT to_regclass('fresh.flyway_schema_history')::text"))
                .containsExactly((String) null);
        assertThatThrownBy(() -> legacy.baseline("v1", " ", BOOKS))
                .isInstanceOfSatisfying(
                        RoutingException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_CONFIGURATION))
                .hasMessageContaining("baseline version 'v1' is not a Flyway version")
                .hasMessageContaining("description is blank");
        assertThatThrownBy(() -> legacy.planRepair(AppName.of("boks")))
                .isInstanceOf(RoutingException.class)
                .hasMessageContaining("app 'boks' is routed to none of the databases")
                .hasMessageContaining("did you mean 'books'?");
    }

    @Test
    void repairAndBaselineRefuseWhileAMigrateAllWorksOnTheDatabase() throws Exception {
        try (Connection holder = pg.connect(WAIT.value());
                Statement statement = holder.createStatement()) {
            statement.execute("SELECT pg_advisory_lock(4242)");
            CompletableFuture<MigrateAllReport> running =
                    CompletableFuture.supplyAsync(() -> migrateAll(WAIT).run());
            awaitMigrationWaitingOnTheTestsLock(running);

            RepairReport repair = migrateAll(WAIT).repair();
            BaselineReport baseline = migrateAll(WAIT).baseline("1", "adopted");

            assertThat(repair.success()).isFalse();
            assertThat(Objects.requireNonNull(repair.repairs().get(0).error()).message())
                    .contains("a migration run (migrate-all, dev-setup or a migrator) is working on database 'rb_wait'")
                    .contains("repair refused, nothing changed")
                    .contains("run repair again");
            assertThat(Objects.requireNonNull(baseline.baselines().get(0).error())
                            .message())
                    .contains("baseline refused");
            statement.execute("SELECT pg_advisory_unlock(4242)");
            MigrateAllReport finished = running.get(PROMPT.toSeconds(), TimeUnit.SECONDS);
            assertThat(finished.success()).isTrue();
        }
        assertThat(migrateAll(WAIT).repair().success()).isTrue();
    }

    private static void awaitMigrationWaitingOnTheTestsLock(CompletableFuture<MigrateAllReport> running)
            throws InterruptedException {
        long deadline = System.nanoTime() + PROMPT.toNanos();
        List<String> seen = List.of();
        while (System.nanoTime() < deadline) {
            seen = pg.column(
                    "postgres",
                    "SELECT coalesce(wait_event_type, '-') || '/' || coalesce(wait_event, '-') || ': ' || query"
                            + " FROM pg_stat_activity WHERE datname = '" + WAIT + "' AND pid <> pg_backend_pid()");
            if (seen.stream().anyMatch(s -> s.startsWith("Lock/advisory") && s.contains("4242"))) {
                return;
            }
            if (running.isDone()) {
                throw new AssertionError("migrate-all finished before it reached the test's lock: " + running.join());
            }
            Thread.sleep(50);
        }
        throw new AssertionError("migrate-all did not wait on the test's advisory lock within " + PROMPT
                + "; sessions of " + WAIT + ": " + seen);
    }
}
