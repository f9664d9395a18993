package dev.approuting.examples.services;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.approuting.core.RoutedDatabases;
import dev.approuting.examples.services.usersapi.UsersApi;
import dev.approuting.testkit.RoutingTest;
import org.jooq.exception.IntegrityConstraintViolationException;
import org.junit.jupiter.api.Test;

@RoutingTest(service = "users/api")
class UsersApiIT {
    @Test
    void signsUpAndSignsIn(RoutedDatabases dbs) {
        UsersApi api = new UsersApi(dbs);
        String token = api.signUp("ada@example.com", "Ada");
        assertThat(api.signIn(token)).isTrue();
        assertThat(api.signIn("not-a-token")).isFalse();
    }

    @Test
    void emailsAreUnique(RoutedDatabases dbs) {
        UsersApi api = new UsersApi(dbs);
        api.signUp("ada@example.com", "Ada");
        assertThatThrownBy(() -> api.signUp("ada@example.com", "Ada again"))
                .isInstanceOf(IntegrityConstraintViolationException.class);
    }
}
