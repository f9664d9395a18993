package dev.approuting.examples.services;

import static dev.approuting.examples.buildsense.db.Tables.BUILD_RUN;
import static dev.approuting.examples.ingestion.db.Tables.INGESTED_FILE;
import static dev.approuting.examples.users.db.Tables.USER_ACCOUNT;

import dev.approuting.core.AppName;
import dev.approuting.core.RoutedDatabases;
import dev.approuting.examples.routing.CompanyRegistry;
import java.util.List;

/**
 * The buildsense service: records builds and their files, and queues work for them in the
 * {@code workflow} app, which this service keeps in the {@code buildsense} database.
 */
public final class BuildsenseApi {
    static final AppName BUILDSENSE = AppName.of("buildsense");
    static final AppName INGESTION = AppName.of("ingestion");

    private final RoutedDatabases dbs;
    private final WorkQueue queue;

    /** Uses the databases of {@link CompanyRegistry#BUILDSENSE_API}. */
    public BuildsenseApi(RoutedDatabases dbs) {
        this.dbs = dbs;
        this.queue = new WorkQueue(dbs);
    }

    /**
     * Records a build with its uploaded files and queues their processing; returns the build id.
     *
     * @throws IllegalArgumentException when no account has {@code userEmail}
     */
    public long recordBuild(String userEmail, String repo, String branch, List<String> files) {
        boolean known = dbs.dsl(UsersApi.USERS).fetchExists(USER_ACCOUNT, USER_ACCOUNT.EMAIL.eq(userEmail));
        if (!known) {
            throw new IllegalArgumentException("no account for " + userEmail);
        }
        long buildId = dbs.transactionResult(
                BUILDSENSE,
                dsl -> dsl.insertInto(BUILD_RUN)
                        .set(BUILD_RUN.REPO, repo)
                        .set(BUILD_RUN.BRANCH, branch)
                        .set(BUILD_RUN.CI_PROVIDER, "github-actions")
                        .returning(BUILD_RUN.ID)
                        .fetchSingle(BUILD_RUN.ID));
        dbs.transaction(INGESTION, dsl -> {
            for (String file : files) {
                dsl.insertInto(INGESTED_FILE)
                        .set(INGESTED_FILE.BUILD_ID, buildId)
                        .set(INGESTED_FILE.PATH, file)
                        .set(INGESTED_FILE.SIZE_BYTES, (long) file.length() * 1024)
                        .execute();
            }
        });
        queue.enqueue("process-build", "{\"build\":" + buildId + "}");
        return buildId;
    }

    /** Returns the work queued by this service (kept in the buildsense database). */
    public WorkQueue queue() {
        return queue;
    }

    /**
     * Counts accounts the wrong way: through the {@code workflow} app's context, though this service
     * routes {@code users} to another database. The guard stops it before it runs.
     */
    public int countUsersTheWrongWay() {
        return dbs.dsl(WorkQueue.WORKFLOW).fetchCount(USER_ACCOUNT);
    }

    /** Runs the service against the deployment's databases: records one build. */
    public static void main(String[] args) {
        try (RoutedDatabases dbs = Deployment.open(CompanyRegistry.BUILDSENSE_API, Deployment.credentials())) {
            new BuildsenseApi(dbs)
                    .recordBuild(
                            args.length > 0 ? args[0] : "ada@example.com", "acme/app", "main", List.of("junit.xml"));
        }
    }
}
