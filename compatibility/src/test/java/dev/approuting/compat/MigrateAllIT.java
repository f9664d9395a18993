package dev.approuting.compat;

import static dev.approuting.compat.CompatibilityRun.single;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.approuting.core.AppName;
import dev.approuting.flyway.AppMigrationResult;
import dev.approuting.flyway.AppMigrationResult.Outcome;
import dev.approuting.flyway.DatabaseMigrationResult;
import dev.approuting.flyway.MigrateAllReport;
import java.sql.Connection;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/**
 * migrate-all over two provisioned databases with two apps each, through the secrets init-db wrote:
 * one history per app in the app's schema, objects owned by the owner role, and a rerun applies nothing.
 */
@Check("migrate-all")
class MigrateAllIT {

    @Test
    void migratesEveryAppOfBothDatabasesThenARerunAppliesNothing(CompatibilityRun run) throws SQLException {
        Fleet fleet = Fleet.provision(run, "mig");

        MigrateAllReport first = fleet.migrateAll().run();

        assertThat(first.success()).as("%s", first.failures()).isTrue();
        assertThat(first.databases()).extracting(DatabaseMigrationResult::db).containsExactly(fleet.shop, fleet.people);
        assertThat(first.databases())
                .flatExtracting(DatabaseMigrationResult::apps)
                .extracting(AppMigrationResult::app, AppMigrationResult::outcome)
                .containsExactly(
                        tuple(AppName.of("orders"), Outcome.MIGRATED),
                        tuple(AppName.of("billing"), Outcome.MIGRATED),
                        tuple(AppName.of("users"), Outcome.MIGRATED),
                        tuple(AppName.of("audit"), Outcome.MIGRATED));
        assertThat(first.appliedCount()).isEqualTo(8);

        try (Connection c = run.connect(fleet.shop.value())) {
            for (String app : new String[] {"orders", "billing"}) {
                assertThat(single(
                                c,
                                "SELECT string_agg(version, ',' ORDER BY installed_rank) FROM " + app
                                        + ".flyway_schema_history WHERE success"))
                        .isEqualTo("1,2");
                assertThat(single(c, "SELECT note FROM " + app + ".item")).isEqualTo("migshop." + app);
                assertThat(single(
                                c,
                                "SELECT tableowner FROM pg_tables WHERE schemaname = '" + app
                                        + "' AND tablename = 'item'"))
                        .isEqualTo("migshop_owner");
            }
            assertThat(single(c, "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'"))
                    .isEqualTo("0");
        }
        try (Connection c = run.connect(fleet.people.value())) {
            assertThat(single(
                            c,
                            "SELECT string_agg(nspname, ',' ORDER BY nspname) FROM pg_namespace"
                                    + " WHERE nspname IN ('orders', 'billing', 'users', 'audit')"))
                    .isEqualTo("audit,users");
            assertThat(single(c, "SELECT note FROM users.item")).isEqualTo("migpeople.users");
        }

        MigrateAllReport rerun = fleet.migrateAll().run();

        assertThat(rerun.success()).isTrue();
        assertThat(rerun.appliedCount()).isZero();
        assertThat(rerun.databases())
                .flatExtracting(DatabaseMigrationResult::apps)
                .extracting(AppMigrationResult::outcome)
                .containsOnly(Outcome.UP_TO_DATE);
    }
}
