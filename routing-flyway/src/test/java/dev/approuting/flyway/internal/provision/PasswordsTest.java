package dev.approuting.flyway.internal.provision;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PasswordsTest {
    @Test
    void passwordsAreLongAlphanumericAndDistinct() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            String password = Passwords.generate();
            assertThat(password).hasSizeGreaterThanOrEqualTo(32).matches("[A-Za-z0-9]+");
            seen.add(password);
        }
        assertThat(seen).hasSize(1000);
    }
}
