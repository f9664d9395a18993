package dev.approuting.compat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import dev.approuting.core.AppName;
import dev.approuting.core.RoutedDatabases;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code RoutedDatabases.dsl(app)} over the secrets init-db wrote: each app's reads and writes land in
 * its own database and schema, as the owner role.
 */
@Check("routed-dsl")
class RoutedDslIT {
    private static Fleet fleet;

    @AutoClose
    private static RoutedDatabases dbs;

    @BeforeAll
    static void open(CompatibilityRun run) {
        fleet = Fleet.migrated(run);
        dbs = RoutedDatabases.open(fleet.routing(), fleet.credentials());
    }

    @Test
    void eachAppLandsInItsDatabaseAndSchema() {
        for (String app : new String[] {"orders", "billing", "users", "audit"}) {
            DSLContext dsl = dbs.dsl(app);
            String db = fleet.routing().dbFor(AppName.of(app)).value();
            assertThat(dsl.fetchValue("SELECT current_database()")).isEqualTo(db);
            assertThat(dsl.fetchValue("SELECT current_schema()")).isEqualTo(app);
            assertThat(dsl.fetchValue("SELECT current_user")).isEqualTo(db + "_owner");
            assertThat(dsl.fetchValue("SELECT note FROM item WHERE name = 'seed'"))
                    .isEqualTo(db + "." + app);
        }
    }

    @Test
    void writesThroughOneAppAreReadBackThroughItAndNotSeenByTheOthers() {
        dbs.transaction(
                AppName.of("billing"),
                tx -> tx.insertInto(table(name("item")))
                        .columns(field(name("name")), field(name("note")))
                        .values("invoice-7", "written by billing")
                        .execute());
        DSLContext billing = dbs.dsl("billing");
        assertThat(billing.fetchValue("SELECT note FROM item WHERE name = 'invoice-7'"))
                .isEqualTo("written by billing");
        assertThat(billing.fetchValue("SELECT count(*) FROM billing.item WHERE name = 'invoice-7'"))
                .isEqualTo(1L);
        assertThat(dbs.dsl("orders").fetchValue("SELECT count(*) FROM item WHERE name = 'invoice-7'"))
                .isEqualTo(0L);
        assertThat(dbs.dsl("users").fetchValue("SELECT count(*) FROM item WHERE name = 'invoice-7'"))
                .isEqualTo(0L);
    }
}
