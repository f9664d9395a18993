package dev.approuting.compat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.approuting.core.AppName;
import dev.approuting.core.ErrorCode;
import dev.approuting.core.RoutedDatabases;
import dev.approuting.core.RoutingException;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The cross-app guard refuses, before it runs, a query of one app touching a table of an app in another database. */
@Check("cross-app-guard")
class CrossAppGuardIT {
    @AutoClose
    private static RoutedDatabases dbs;

    @BeforeAll
    static void open(CompatibilityRun run) {
        Fleet fleet = Fleet.migrated(run);
        dbs = RoutedDatabases.open(fleet.routing(), fleet.credentials());
    }

    @Test
    void refusesAnotherDatabasesAppNamingBothApps() {
        assertThatThrownBy(() -> dbs.dsl("orders")
                        .selectCount()
                        .from(DSL.table(DSL.name("users", "item")))
                        .fetchOne())
                .isInstanceOfSatisfying(RoutingException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.CROSS_DATABASE_ACCESS);
                    assertThat(e.app()).contains(AppName.of("users"));
                })
                .hasMessageContaining("app 'orders'")
                .hasMessageContaining("app 'users'")
                .hasMessageContaining("users.item");
    }

    @Test
    void letsAnAppOfTheSameDatabaseThrough() {
        assertThat(dbs.dsl("orders")
                        .selectCount()
                        .from(DSL.table(DSL.name("billing", "item")))
                        .fetchOne(0, Integer.class))
                .isPositive();
    }
}
