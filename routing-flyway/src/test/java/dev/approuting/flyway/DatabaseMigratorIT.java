package dev.approuting.flyway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.approuting.core.AppName;
import dev.approuting.core.DbName;
import dev.approuting.core.ErrorCode;
import dev.approuting.core.RoutingException;
import dev.approuting.fixtures.TestServers;
import dev.approuting.flyway.AppMigrationResult.Outcome;
import dev.approuting.testkit.postgres.PostgresExtension;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class DatabaseMigratorIT {
    @RegisterExtension
    static final PostgresExtension pg = PostgresExtension.embedded();

    /** Returns a migrator of {@code apps} over a new, empty database {@code db}. */
    private static DatabaseMigrator freshMigrator(String db, String... apps) {
        TestServers.createDatabases(pg, List.of(DbName.of(db)));
        return DatabaseMigrator.configure(DbName.of(db), TestServers.superuser(pg, db))
                .apps(AppName.listOf(apps))
                .load();
    }

    @Test
    void migratesEachAppIntoItsOwnSchemaWithItsOwnHistory() {
        DatabaseMigrator migrator = freshMigrator("one", "users", "workflow", "indexed");

        DatabaseMigrationResult first = migrator.migrate();

        assertThat(first.success()).isTrue();
        assertThat(first.apps()).extracting(AppMigrationResult::outcome).containsOnly(Outcome.MIGRATED);
        assertThat(first.app(AppName.of("users")).orElseThrow().applied()).containsExactly("1", "2", "3");
        assertThat(first.app(AppName.of("users")).orElseThrow().currentVersion())
                .isEqualTo("3");
        assertThat(first.apps()).allMatch(AppMigrationResult::newHistory);
        assertThat(TestServers.historyVersions(pg, "one", "users")).containsExactly("1", "2", "3");
        assertThat(TestServers.historyVersions(pg, "one", "workflow")).containsExactly("1", "2", "3");
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
        DatabaseMigrator migrator = freshMigrator("planned", "billing");

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
        DatabaseMigrator migrator = freshMigrator("failing", "users", "broken", "billing");

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
        assertThat(TestServers.historyVersions(pg, "failing", "broken")).containsExactly("1");
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
        TestServers.createDatabases(pg, List.of(db));
        pg.execute("postgres", "DROP ROLE IF EXISTS owned_owner");
        pg.execute("postgres", "CREATE ROLE owned_owner NOLOGIN");
        pg.execute("postgres", "GRANT CREATE ON DATABASE owned TO owned_owner");

        DatabaseMigrationResult result = DatabaseMigrator.configure(
                        db, TestServers.superuser(pg, "owned").withSetRole("owned_owner"))
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
        assertThatThrownBy(() -> DatabaseMigrator.configure(DbName.of("x"), TestServers.superuser(pg, "x"))
                        .apps(AppName.listOf("users", "users"))
                        .load())
                .isInstanceOf(RoutingException.class)
                .hasMessageContaining("database 'x'");
    }
}
