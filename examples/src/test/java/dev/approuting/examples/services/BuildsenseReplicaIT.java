package dev.approuting.examples.services;

import static dev.approuting.examples.buildsense.db.Tables.BUILD_RUN;
import static org.assertj.core.api.Assertions.assertThat;

import dev.approuting.core.DbName;
import dev.approuting.core.RoutedDatabases;
import dev.approuting.examples.ConsistentRequests;
import dev.approuting.examples.buildsense.Builds;
import dev.approuting.testkit.RoutingTest;
import dev.approuting.testkit.postgres.PostgresStandby;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;

/**
 * The buildsense service with a reader on its {@code buildsense} database, as production runs it: the
 * testkit serves the reader from a real streaming standby, whose replay the test pauses to prove that a
 * client's token sends its reads to where its writes are.
 */
@RoutingTest(service = "buildsense/api", replicas = "buildsense")
class BuildsenseReplicaIT {
    private static final Duration REPLAY = Duration.ofSeconds(30);

    @Test
    void aClientsNextRequestReadsItsBuildWhileTheReplicaIsBehind(RoutedDatabases dbs, PostgresStandby standby) {
        Builds builds = new Builds(dbs);
        standby.pauseReplay();
        AtomicLong started = new AtomicLong();
        String token = ConsistentRequests.handle(dbs, null, () -> started.set(builds.start("acme/app", "main", "ci")));
        long id = started.get();

        AtomicReference<Boolean> onReplica = new AtomicReference<>();
        AtomicReference<String> branch = new AtomicReference<>();
        ConsistentRequests.handle(dbs, token, () -> {
            branch.set(dbs.reading(Builds.APP)
                    .select(BUILD_RUN.BRANCH)
                    .from(BUILD_RUN)
                    .where(BUILD_RUN.ID.eq(id))
                    .fetchOne(BUILD_RUN.BRANCH));
            onReplica.set(dbs.reading(Builds.APP).fetchValue(DSL.field("pg_is_in_recovery()", Boolean.class)));
        });
        assertThat(branch.get()).as("the next request sees its build").isEqualTo("main");
        assertThat(onReplica.get())
                .as("from the writer: the replica has not replayed it")
                .isFalse();

        standby.resumeReplay();
        standby.awaitReplay(REPLAY);
        ConsistentRequests.handle(
                dbs,
                token,
                () -> onReplica.set(
                        dbs.reading(Builds.APP).fetchValue(DSL.field("pg_is_in_recovery()", Boolean.class))));
        assertThat(onReplica.get()).as("from the replica once it caught up").isTrue();
        assertThat(dbs.health(DbName.of("buildsense")).reader().orElseThrow().fallbacks())
                .isPositive();
    }
}
