package dev.approuting.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.approuting.core.DbCredentials;
import dev.approuting.core.DbName;
import dev.approuting.core.ErrorCode;
import dev.approuting.core.RoutedDatabases;
import dev.approuting.core.RoutingException;
import dev.approuting.core.ServiceRouting;
import dev.approuting.testkit.fixtures.ShopRegistry;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

@RoutingTest(service = "shop/api", registry = ShopRegistry.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FreshIsolationIT {
    private static final Set<String> databases = ConcurrentHashMap.newKeySet();

    @Test
    @Order(1)
    void aRowWrittenInOneTest(@App("orders") DSLContext orders) {
        orders.execute("INSERT INTO orders (item) VALUES ('first')");
        assertThat(orders.fetchCount(DSL.table("orders"))).isEqualTo(1);
        databases.add(orders.fetchSingle("SELECT current_database()").get(0, String.class));
    }

    @Test
    @Order(2)
    void isAbsentInTheNext(@App("orders") DSLContext orders) {
        assertThat(orders.fetchCount(DSL.table("orders"))).isZero();
        String database = orders.fetchSingle("SELECT current_database()").get(0, String.class);
        assertThat(databases).isNotEmpty().doesNotContain(database);
    }

    @Test
    void injectsEveryKindOfHandle(
            RoutedDatabases dbs,
            ServiceRouting routing,
            @App("accounts") DSLContext accounts,
            @Db("users") DbCredentials users,
            @Db("users") String usersUrl,
            @Db("audit") DataSource audit)
            throws SQLException {
        assertThat(routing.service().value()).isEqualTo("shop/api");
        assertThat(dbs.routing()).isSameAs(routing);
        assertThat(users.dbname()).startsWith("approuting_c_").endsWith("_users");
        assertThat(usersUrl).isEqualTo(users.jdbcUrl());
        accounts.execute("INSERT INTO account (email) VALUES ('ada@example.com')");
        assertThat(dbs.dsl("accounts").fetchSingle("SELECT email FROM account").get(0, String.class))
                .isEqualTo("ada@example.com");
        try (Connection c = audit.getConnection();
                ResultSet rs = c.createStatement()
                        .executeQuery("SELECT count(*) FROM auditlog.flyway_schema_history WHERE type = 'SQL'")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(1);
        }
        assertThat(dbs.dsl("orders")
                        .fetchSingle("SELECT count(*) FROM orders.flyway_schema_history WHERE type = 'SQL'")
                        .get(0, Integer.class))
                .as("both migrations of app orders ran in the template")
                .isEqualTo(2);
    }

    @Test
    void aDatabaseTheServiceDoesNotDeclareIsRejectedByName(RoutedDatabases dbs) {
        assertThatThrownBy(() -> dbs.dataSource(DbName.of("billing")))
                .isInstanceOf(RoutingException.class)
                .hasMessageContaining("'billing'")
                .hasMessageContaining("shop/api")
                .extracting(e -> ((RoutingException) e).code())
                .isEqualTo(ErrorCode.UNKNOWN_DATABASE);
        assertThatThrownBy(() -> dbs.dsl("invoices"))
                .isInstanceOf(RoutingException.class)
                .hasMessageContaining("'invoices'")
                .extracting(e -> ((RoutingException) e).code())
                .isEqualTo(ErrorCode.APP_NOT_ROUTED);
    }
}
