package dev.approuting.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NamesTest {

    @ParameterizedTest
    @ValueSource(strings = {"users", "buildsense", "a", "db_2", "packagerepomaven"})
    void acceptsLowerCaseIdentifiers(String value) {
        assertThat(DbName.of(value).value()).isEqualTo(value);
        assertThat(AppName.of(value).value()).isEqualTo(value);
    }

    /** Hostile and malformed inputs: every one is rejected before any SQL is built. */
    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                " ",
                "Users",
                "1users",
                "_users",
                "users;drop database x",
                "users'",
                "us\"ers",
                "build sense",
                "build-sense",
                "usérs",
                "\u0443sers", // Cyrillic u, a look-alike
                "users\u200b", // zero-width space
                "users\n",
                "abcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabcd" // 64 characters
            })
    void rejectsMalformedDatabaseNamesQuotingTheValueAndTheRule(String value) {
        assertThatThrownBy(() -> DbName.of(value))
                .isInstanceOf(RoutingException.class)
                .hasMessageStartingWith("invalid database name '")
                .hasMessageContaining("^[a-z][a-z0-9_]{0,62}$")
                .satisfies(e -> assertThat(((RoutingException) e).code()).isEqualTo(ErrorCode.INVALID_NAME));
    }

    @ParameterizedTest
    @ValueSource(strings = {"select", "user", "table", "order"})
    void rejectsReservedWords(String value) {
        assertThatThrownBy(() -> AppName.of(value))
                .isInstanceOf(RoutingException.class)
                .hasMessage("invalid app name '" + value + "': '" + value
                        + "' is a reserved word in PostgreSQL; choose another name");
    }

    @ParameterizedTest
    @ValueSource(strings = {"public", "information_schema"})
    void rejectsSystemSchemasAsAppNames(String value) {
        assertThatThrownBy(() -> AppName.of(value)).hasMessageContaining("schema PostgreSQL keeps for itself");
        assertThat(DbName.of(value).value()).isEqualTo(value);
    }

    @ParameterizedTest
    @ValueSource(strings = {"pg_users"})
    void rejectsPgPrefix(String value) {
        assertThatThrownBy(() -> DbName.of(value)).hasMessageContaining("starting with 'pg_' are reserved");
    }

    @ParameterizedTest
    @ValueSource(strings = {"buildsense/api", "crawler/pypi-worker", "toolshed", "users/api_v2"})
    void acceptsServiceNames(String value) {
        assertThat(ServiceName.of(value).value()).isEqualTo(value);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "/api", "api/", "api//x", "Api", "api x", "api;x"})
    void rejectsMalformedServiceNames(String value) {
        assertThatThrownBy(() -> ServiceName.of(value))
                .isInstanceOf(RoutingException.class)
                .hasMessageStartingWith("invalid service name '");
    }

    @org.junit.jupiter.api.Test
    void showsInvisibleCharactersEscaped() {
        assertThatThrownBy(() -> DbName.of("users\u200b"))
                .hasMessageStartingWith("invalid database name 'users\\u200b'");
    }

    @Test
    @SuppressWarnings("AssertBetweenInconvertibleTypes") // a database and an app of one name are different names
    void namesAreEqualByValueAndKindAndHashLikeTheirValue() {
        assertThat(DbName.of("users")).isEqualTo(DbName.of("users")).isNotEqualTo(DbName.of("maven"));
        assertThat(DbName.of("users")).hasSameHashCodeAs(DbName.of("users"));
        assertThat(AppName.of("users")).isEqualTo(AppName.of("users")).isNotEqualTo(DbName.of("users"));
        assertThat(AppName.of("users").hashCode()).isEqualTo("users".hashCode());
        assertThat(ServiceName.of("buildsense/api"))
                .isEqualTo(ServiceName.of("buildsense/api"))
                .isNotEqualTo(ServiceName.of("buildsense/worker"))
                .hasSameHashCodeAs(ServiceName.of("buildsense/api"));
        assertThat(new HashSet<>(List.of(AppName.of("workflow"), AppName.of("workflow"), AppName.of("users"))))
                .hasSize(2);
    }
}
