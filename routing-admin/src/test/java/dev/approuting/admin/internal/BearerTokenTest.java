package dev.approuting.admin.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BearerTokenTest {
    private final BearerToken token = new BearerToken("0123456789abcdef-token");

    @Test
    void acceptsOnlyTheExactTokenWithTheBearerScheme() {
        assertThat(token.accepts("Bearer 0123456789abcdef-token")).isTrue();
        assertThat(token.accepts("bearer 0123456789abcdef-token")).isTrue();
        assertThat(token.accepts("Bearer  0123456789abcdef-token ")).isTrue();
        assertThat(token.accepts("Bearer 0123456789abcdef-tokeN")).isFalse();
        assertThat(token.accepts("Bearer 0123456789abcdef-token-")).isFalse();
        assertThat(token.accepts("Basic 0123456789abcdef-token")).isFalse();
        assertThat(token.accepts("0123456789abcdef-token")).isFalse();
        assertThat(token.accepts("Bearer ")).isFalse();
        assertThat(token.accepts("")).isFalse();
        assertThat(token.accepts(null)).isFalse();
    }
}
