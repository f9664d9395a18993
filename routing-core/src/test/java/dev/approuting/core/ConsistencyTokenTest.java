package dev.approuting.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConsistencyTokenTest {
    private static final DbName USERS = DbName.of("users");
    private static final DbName SHOP = DbName.of("shop");

    @Test
    void theTextFormRoundTripsInNameOrder() {
        ConsistencyToken token = ConsistencyToken.of(USERS, "0/16B3740").advance(SHOP, 0x3_0000_0060L);

        assertThat(token.toString()).isEqualTo("shop:3/60.users:0/16B3740");
        assertThat(ConsistencyToken.parse(token.toString())).isEqualTo(token);
        assertThat(token.position(USERS)).hasValue(0x16B3740L);
        assertThat(ConsistencyToken.parse("")).isEqualTo(ConsistencyToken.none());
        assertThat(ConsistencyToken.none().toString()).isEmpty();
    }

    @Test
    void positionsOnlyMoveForward() {
        ConsistencyToken token = ConsistencyToken.of(USERS, "1/0");

        assertThat(token.advance(USERS, 5)).isSameAs(token);
        assertThat(token.advance(USERS, 0x2_0000_0000L).position(USERS)).hasValue(0x2_0000_0000L);
        assertThat(token.merge(ConsistencyToken.of(USERS, "0/FF").advance(SHOP, 7))
                        .positions())
                .isEqualTo(Map.of(USERS, 0x1_0000_0000L, SHOP, 7L));
        assertThat(token.without(USERS).isEmpty()).isTrue();
    }

    @Test
    void positionsAboveTheSignedRangeCompareUnsigned() {
        ConsistencyToken high = ConsistencyToken.of(USERS, "FFFFFFFF/0");

        assertThat(high.position(USERS).getAsLong()).isNegative();
        assertThat(high.advance(USERS, 1)).isSameAs(high);
        assertThat(ConsistencyToken.parse(high.toString())).isEqualTo(high);
    }

    @Test
    void badTextIsRejectedNamingTheEntryAndTheFix() {
        assertThatThrownBy(() -> ConsistencyToken.parse("users:0/1.shop=0/2"))
                .isInstanceOfSatisfying(RoutingException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_TOKEN);
                    assertThat(e.getMessage())
                            .contains("entry 2", "'shop=0/2'", "database:LSN", "ConsistencyToken.tryParse");
                });
        assertThatThrownBy(() -> ConsistencyToken.parse("users:0/1.users:0/2"))
                .hasMessageContaining("database 'users' appears twice");
        assertThatThrownBy(() -> ConsistencyToken.parse("users:0/123456789"))
                .hasMessageContaining("is not database:LSN");
        assertThatThrownBy(() -> ConsistencyToken.parse("x".repeat(ConsistencyToken.MAX_TEXT_LENGTH + 1)))
                .hasMessageContaining("at most " + ConsistencyToken.MAX_TEXT_LENGTH);
    }

    @Test
    void untrustedInputParsesToEmpty() {
        assertThat(ConsistencyToken.tryParse(null)).isEmpty();
        assertThat(ConsistencyToken.tryParse("users:zz")).isEmpty();
        assertThat(ConsistencyToken.tryParse("users:A/B")).hasValue(ConsistencyToken.of(USERS, "A/B"));
    }

    @Test
    void readerSettingsReportEveryBadValue() {
        assertThatThrownBy(() -> new ReaderSettings(
                        Duration.ofSeconds(-1),
                        Duration.ofMinutes(1),
                        Duration.ofSeconds(2),
                        Duration.ofMillis(1),
                        Duration.ofMillis(1)))
                .isInstanceOfSatisfying(RoutingException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_CONFIGURATION);
                    assertThat(e.getMessage())
                            .contains("maxLag", "maxWait", "replayCheckEvery", "retryDownAfter", "connectionTimeout");
                });
    }
}
