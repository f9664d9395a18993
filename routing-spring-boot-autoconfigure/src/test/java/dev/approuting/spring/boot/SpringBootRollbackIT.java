package dev.approuting.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.approuting.testkit.Isolation;
import dev.approuting.testkit.RoutingTest;
import org.junit.jupiter.api.RepeatedTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/** In {@link Isolation#ROLLBACK}, the context's transactions commit into the test's transaction, rolled back after it. */
@SpringBootTest(classes = {Shop.Application.class, Orders.class})
@RoutingTest(service = Shop.SERVICE, registry = Shop.Provider.class, isolation = Isolation.ROLLBACK)
class SpringBootRollbackIT {
    @Autowired
    Orders orders;

    @RepeatedTest(3)
    void writesOfOneTestAreGoneInTheNext() {
        assertThat(orders.users()).isOne();
        orders.addUser(2, "ada");
        orders.bill(2);
        assertThat(orders.users()).isEqualTo(2);
        assertThat(orders.bills()).isEqualTo(2);
    }
}
