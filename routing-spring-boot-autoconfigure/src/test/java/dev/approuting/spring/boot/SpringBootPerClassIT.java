package dev.approuting.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.approuting.testkit.Isolation;
import dev.approuting.testkit.RoutingTest;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/** In {@link Isolation#PER_CLASS}, the class's tests share one set of clones through the context. */
@SpringBootTest(classes = {Shop.Application.class, Orders.class})
@RoutingTest(service = Shop.SERVICE, registry = Shop.Provider.class, isolation = Isolation.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SpringBootPerClassIT {
    @Autowired
    Orders orders;

    @Test
    @Order(1)
    void writes() {
        orders.addUser(2, "ada");
        assertThat(orders.users()).isEqualTo(2);
    }

    @Test
    @Order(2)
    void theNextTestSeesIt() {
        assertThat(orders.users()).isEqualTo(2);
    }
}
