package dev.approuting.flyway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.approuting.core.AppName;
import dev.approuting.core.DbName;
import dev.approuting.core.ErrorCode;
import dev.approuting.core.RoutingException;
import dev.approuting.fixtures.Pg;
import dev.approuting.flyway.AppMigrationResult.Outcome;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DatabaseMigratorIT {
    private static Pg pg;

    @BeforeAll
    static void start() {
        pg = Pg.start();
    }

    @AfterAll
    static void stop() throws IOException {
        pg.close();
    }

    @Test
    void migratesEachAppIntoItsOwnSchemaWithItsOwnHistory() {
        DbName db = DbName.of("one");
        pg.createDatabases(List.of(db));
        DatabaseMigrator migrator = DatabaseMigrator.configure(db, pg.superuser("one"))
                .apps(AppName.listOf("users", "workflow", "indexed"))
                .load();

        DatabaseMigrationResult first = migrator.migrate();

        assertThat(first.success()).isTrue();
        assertThat(first.apps()).extracting(AppMigrationResult::outcome).containsOnly(Outcome.MIGRATED);
        assertThat(first.app(AppName.of("users")).orElseThrow().applied()).containsExactly("1", "2", "3");
        assertThat(first.app(AppName.of("users")).orElseThrow().currentVersion())
                .isEqualTo("3");
        assertThat(first.apps()).allMatch(AppMigrationResult::newHistory);
        assertThat(pg.historyVersions("one", "users")).containsExactly("1", "2", "3");
        assertThat(pg.historyVersions("one", "workflow")).containsExactly("1", "2", "3");
        assertThat(pg.column("one", "SELECT created_for FROM workflow.item")).containsExactly("one.workflow");
        assertThat(pg.column("one", "SELECT indexname FROM pg_indexes WHERE schemaname = 'indexed' ORDER BY 1"))
                .contains("event_kind_idx");

        DatabaseMigrationResult second = migrator.migrate();

        assertThat(second.success()).isTrue();
        assertThat(second.appliedCount()).isZero();
        assertThat(second.apps()).extracting(AppMigrationResult::outcome).containsOnly(Outcome.UP_TO_DATE);
        assertThat(second.apps()).noneMatch(AppMigrationResult::newHistory);
        assertThat(second.app(AppName.of("users")).orElseThrow().currentVersion())
                .isEqualTo("3");
    }

    @Test
    void planListsPendingMigrationsAndChangesNothing() {
        DbName db = DbName.of("planned");
        pg.createDatabases(List.of(db));
        DatabaseMigrator migrator = DatabaseMigrator.configure(db, pg.superuser("planned"))
                .apps(AppName.listOf("billing"))
                .load();

        DatabaseMigrationResult plan = migrator.plan();

        assertThat(plan.apps()).singleElement().satisfies(app -> {
            assertThat(app.outcome()).isEqualTo(Outcome.PLANNED);
            assertThat(app.pending()).containsExactly("1", "2", "3");
            assertThat(app.newHistory()).isTrue();
        });
        assertThat(pg.column("planned", "SELECT nspname FROM pg_namespace WHERE nspname = 'billing'"))
                .isEmpty();
    }

    @Test
    void failingScriptIsReportedWithFileLineAndSqlStateAndLaterAppsAreSkipped() {
        DbName db = DbName.of("failing");
        pg.createDatabases(List.of(db));
        DatabaseMigrator migrator = DatabaseMigrator.configure(db, pg.superuser("failing"))
                .apps(AppName.listOf("users", "broken", "billing"))
                .load();

        DatabaseMigrationResult result = migrator.migrate();

        assertThat(result.success()).isFalse();
        assertThat(result.apps())
                .extracting(AppMigrationResult::outcome)
                .containsExactly(Outcome.MIGRATED, Outcome.FAILED, Outcome.SKIPPED);
        AppMigrationResult broken = result.app(AppName.of("broken")).orElseThrow();
        assertThat(broken.applied()).containsExactly("1");
        assertThat(broken.pending()).containsExactly("2", "3");
        assertThat(broken.currentVersion()).isEqualTo("1");
        MigrationError error = java.util.Objects.requireNonNull(broken.error());
        assertThat(error.script()).isEqualTo("V2__add_amount.sql");
        assertThat(error.line()).isEqualTo(4);
        assertThat(error.sqlState()).isEqualTo("42P01");
        assertThat(error.message()).contains("no_such_table");
        assertThat(pg.historyVersions("failing", "broken")).containsExactly("1");
        assertThat(pg.column(
                        "failing",
                        "SELECT count(*) FROM information_schema.columns"
                                + " WHERE table_schema = 'broken' AND column_name = 'amount'"))
                .containsExactly("0");
        assertThatThrownBy(result::orThrow)
                .isInstanceOf(RoutingException.class)
                .hasMessageContaining("'failing'")
                .hasMessageContaining("'broken'")
                .hasMessageContaining("V2__add_amount.sql line 4 (SQLState 42P01)")
                .satisfies(e -> assertThat(((RoutingException) e).code()).isEqualTo(ErrorCode.MIGRATION_FAILED));
    }

    @Test
    void setsTheRoleFromTheCredentialsSoTheOwnerRoleOwnsTheSchemas() {
        DbName db = DbName.of("owned");
        pg.createDatabases(List.of(db));
        pg.execute("postgres", "DROP ROLE IF EXISTS owned_owner");
        pg.execute("postgres", "CREATE ROLE owned_owner NOLOGIN");
        pg.execute("postgres", "GRANT CREATE ON DATABASE owned TO owned_owner");

        DatabaseMigrationResult result = DatabaseMigrator.configure(
                        db, pg.superuser("owned").withSetRole("owned_owner"))
                .apps(AppName.listOf("tags"))
                .load()
                .migrate()
                .orThrow();

        assertThat(result.appliedCount()).isEqualTo(3);
        assertThat(pg.column(
                        "owned", "SELECT tableowner FROM pg_tables WHERE schemaname = 'tags' AND tablename = 'item'"))
                .containsExactly("owned_owner");
    }

    @Test
    void listingAnAppTwiceIsRejected() {
        assertThatThrownBy(() -> DatabaseMigrator.configure(DbName.of("x"), pg.superuser("x"))
                        .apps(AppName.listOf("users", "users"))
                        .load())
                .isInstanceOf(RoutingException.class)
                .hasMessageContaining("database 'x'");
    }
}
