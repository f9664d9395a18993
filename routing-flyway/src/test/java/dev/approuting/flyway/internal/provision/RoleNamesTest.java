package dev.approuting.flyway.internal.provision;

import static org.assertj.core.api.Assertions.assertThat;

import dev.approuting.core.DbName;
import java.util.List;
import org.junit.jupiter.api.Test;

class RoleNamesTest {
    private static final DbName USERS = DbName.of("users");

    @Test
    void namespaceDashesBecomeUnderscoresInRoleNames() {
        assertThat(RoleNames.owner(USERS)).isEqualTo("users_owner");
        assertThat(RoleNames.login(USERS, "staging-eu", 1)).isEqualTo("users_staging_eu_0001");
        assertThat(RoleNames.login(USERS, "prod", 12)).isEqualTo("users_prod_0012");
    }

    @Test
    void numberIsReadOnlyFromTheNamespacesOwnRoles() {
        assertThat(RoleNames.number(USERS, "prod", "users_prod_0007")).contains(7);
        assertThat(RoleNames.number(USERS, "prod", "users_prod_eu_0007")).isEmpty();
        assertThat(RoleNames.number(USERS, "prod", "users_prod_07")).isEmpty();
        assertThat(RoleNames.number(USERS, "prod", "users_owner")).isEmpty();
    }

    @Test
    void acceptsKubernetesNamespaces() {
        assertThat(RoleNames.problems(USERS, List.of("prod", "staging-eu", "1st")))
                .isEmpty();
    }

    @Test
    void reportsEveryBadNamespaceAndOverlongRoleAtOnce() {
        DbName longDb = DbName.of("a".repeat(50));
        List<String> problems = RoleNames.problems(longDb, List.of("Prod", "x;drop", "team-" + "n".repeat(20)));
        assertThat(problems).hasSize(3);
        assertThat(problems.get(0)).contains("invalid namespace name 'Prod'");
        assertThat(problems.get(1)).contains("invalid namespace name 'x;drop'");
        assertThat(problems.get(2)).contains("would be").contains("PostgreSQL allows 63");
    }

    @Test
    void rejectsDatabaseNamesTooLongForTheOwnerRole() {
        DbName db = DbName.of("d".repeat(60));
        assertThat(RoleNames.problems(db, List.of())).singleElement().asString().contains("at most 57 characters");
    }
}
