package dev.approuting.compat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.approuting.core.DbCredentials;
import dev.approuting.testkit.App;
import dev.approuting.testkit.Db;
import dev.approuting.testkit.RoutingTest;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jooq.DSLContext;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** {@code @RoutingTest} gives every test migrated clones of the service's databases, kept apart. */
@Check("template-clone")
@RoutingTest(service = Fleet.SERVICE, registry = CompatRegistry.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TemplateCloneIT {
    private static final Set<String> databases = ConcurrentHashMap.newKeySet();

    @Test
    @Order(1)
    void aTestGetsMigratedClones(@App("orders") DSLContext orders, @Db("people") DbCredentials people) {
        assertThat(orders.fetchValue("SELECT note FROM item WHERE name = 'seed'"))
                .isEqualTo("shop.orders");
        assertThat(people.dbname()).startsWith("approuting_c_").endsWith("_people");
        orders.execute("INSERT INTO item (name) VALUES ('written in test 1')");
        databases.add(String.valueOf(orders.fetchValue("SELECT current_database()")));
    }

    @Test
    @Order(2)
    void theNextTestGetsFreshOnes(@App("orders") DSLContext orders, @App("audit") DSLContext audit) {
        assertThat(orders.fetchValue("SELECT count(*) FROM item WHERE name = 'written in test 1'"))
                .isEqualTo(0L);
        assertThat(databases)
                .isNotEmpty()
                .doesNotContain(String.valueOf(orders.fetchValue("SELECT current_database()")));
        assertThat(audit.fetchValue("SELECT note FROM item")).isEqualTo("people.audit");
    }
}
