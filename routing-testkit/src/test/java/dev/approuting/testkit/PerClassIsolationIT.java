package dev.approuting.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.approuting.testkit.fixtures.ShopRegistry;
import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

@RoutingTest(service = "shop/worker", registry = ShopRegistry.class, isolation = Isolation.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PerClassIsolationIT {
    @BeforeAll
    static void seed(@App("workflow") DSLContext workflow) {
        workflow.execute("INSERT INTO work_unit (state) VALUES ('seeded')");
    }

    @Test
    @Order(1)
    void firstTestAddsARow(@App("workflow") DSLContext workflow) {
        workflow.execute("INSERT INTO work_unit (state) VALUES ('first')");
        assertThat(workflow.fetchSingle("SELECT count(*) FROM work_unit").get(0, Long.class))
                .isEqualTo(2L);
    }

    @Test
    @Order(2)
    void secondTestStillSeesIt(@App("workflow") DSLContext workflow) {
        assertThat(workflow.fetch("SELECT state FROM work_unit ORDER BY id").getValues(0, String.class))
                .containsExactly("seeded", "first");
    }

    @Test
    @Order(3)
    @TestIsolation(Isolation.FRESH)
    void aFreshMethodDoesNot(@App("workflow") DSLContext workflow) {
        assertThat(workflow.fetchSingle("SELECT count(*) FROM work_unit").get(0, Long.class))
                .isZero();
    }
}
