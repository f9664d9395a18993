package dev.approuting.examples.services;

import static dev.approuting.examples.users.db.Tables.USER_ACCOUNT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.approuting.core.ConsistencyToken;
import dev.approuting.core.ErrorCode;
import dev.approuting.core.RoutedDatabases;
import dev.approuting.core.RoutingException;
import dev.approuting.examples.ConsistentRequests;
import dev.approuting.examples.buildsense.Builds;
import dev.approuting.examples.services.buildsenseapi.BuildsenseApi;
import dev.approuting.examples.users.Accounts;
import dev.approuting.testkit.App;
import dev.approuting.testkit.RoutingTest;
import java.util.Map;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;

/** The buildsense service as its team tests it: migrated databases, a fresh clone per test. */
@RoutingTest(service = "buildsense/api")
class BuildsenseApiIT {
    @Test
    void recordsABuildWithItsFilesAndQueuesItsProcessing(RoutedDatabases dbs, @App("ingestion") DSLContext ingestion) {
        new Accounts(dbs).signUp("ada@example.com", "Ada");
        BuildsenseApi api = new BuildsenseApi(dbs);

        long build = api.recordBuild("ada@example.com", "acme/app", "main", Map.of("a.xml", 1L, "b.xml", 2L));

        assertThat(ingestion.fetchValue("SELECT count(*) FROM ingested_file WHERE build_id = " + build))
                .isEqualTo(2L);
        assertThat(api.queue().pendingKinds()).containsExactly("process-build");
        assertThat(api.queue().take()).isPresent();
        assertThat(api.queue().pendingKinds()).isEmpty();
    }

    @Test
    void eachTestStartsFromEmptyMigratedDatabases(@App("users") DSLContext users) {
        assertThat(users.fetchCount(USER_ACCOUNT)).isZero();
    }

    @Test
    void aReadThroughReadingSeesTheWriteBeforeItAndATokenComesBack(RoutedDatabases dbs) {
        Builds builds = new Builds(dbs);

        String token = ConsistentRequests.handle(
                dbs,
                null,
                () -> assertThat(builds.startAndReadBack("acme/app", "main")).isEqualTo("main"));

        // No reader in the testkit's databases: reads go to the writer, and a token handed back comes back unchanged.
        assertThat(ConsistentRequests.handle(dbs, token, () -> {})).isEqualTo(token);
        assertThat(ConsistentRequests.handle(dbs, "not a token", () -> {}))
                .isEqualTo(ConsistencyToken.none().toString());
    }

    @Test
    void refusesBuildsOfUnknownUsers(RoutedDatabases dbs) {
        assertThatThrownBy(() -> new BuildsenseApi(dbs).recordBuild("nobody@example.com", "r", "b", Map.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theGuardStopsReadingUsersThroughTheWorkflowContext(RoutedDatabases dbs) {
        assertThatThrownBy(() -> new BuildsenseApi(dbs).countUsersTheWrongWay())
                .isInstanceOf(RoutingException.class)
                .satisfies(e -> assertThat(((RoutingException) e).code()).isEqualTo(ErrorCode.CROSS_DATABASE_ACCESS));
    }
}
