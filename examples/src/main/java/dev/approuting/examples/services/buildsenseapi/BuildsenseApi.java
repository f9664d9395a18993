package dev.approuting.examples.services.buildsenseapi;

import static dev.approuting.examples.users.db.Tables.USER_ACCOUNT;

import dev.approuting.core.RoutedDatabases;
import dev.approuting.examples.buildsense.Builds;
import dev.approuting.examples.ingestion.Uploads;
import dev.approuting.examples.routing.CompanyRegistry;
import dev.approuting.examples.services.Deployment;
import dev.approuting.examples.users.Accounts;
import dev.approuting.examples.workflow.WorkQueue;
import java.util.Map;

/**
 * The {@code buildsense/api} service: records builds and their files, and queues their processing in
 * the {@code workflow} app, which this service keeps in the {@code buildsense} database.
 */
public final class BuildsenseApi {
    private final RoutedDatabases dbs;
    private final Accounts accounts;
    private final Builds builds;
    private final Uploads uploads;
    private final WorkQueue queue;

    /** Uses the databases of {@link CompanyRegistry#BUILDSENSE_API}. */
    public BuildsenseApi(RoutedDatabases dbs) {
        this.dbs = dbs;
        this.accounts = new Accounts(dbs);
        this.builds = new Builds(dbs);
        this.uploads = new Uploads(dbs);
        this.queue = new WorkQueue(dbs);
    }

    /**
     * Records a build of {@code userEmail} with its uploaded files (path → bytes) and queues their
     * processing; returns the build id.
     *
     * @throws IllegalArgumentException when no account has {@code userEmail}
     */
    public long recordBuild(String userEmail, String repo, String branch, Map<String, Long> files) {
        if (accounts.find(userEmail).isEmpty()) {
            throw new IllegalArgumentException("no account for " + userEmail);
        }
        long buildId = builds.start(repo, branch, "github-actions");
        uploads.receive(buildId, files);
        queue.enqueue("process-build", "{\"build\":" + buildId + "}");
        return buildId;
    }

    /** Returns this service's work queue (kept in the buildsense database). */
    public WorkQueue queue() {
        return queue;
    }

    /**
     * Counts accounts the wrong way: through the {@code workflow} app's context, though this service
     * routes {@code users} to another database. The guard stops it before it runs.
     */
    public int countUsersTheWrongWay() {
        return dbs.dsl(WorkQueue.APP).fetchCount(USER_ACCOUNT);
    }

    /** Runs the service against the deployment's databases: records one build. */
    public static void main(String[] args) {
        try (RoutedDatabases dbs = Deployment.open(CompanyRegistry.BUILDSENSE_API, Deployment.credentials())) {
            new BuildsenseApi(dbs)
                    .recordBuild(
                            args.length > 0 ? args[0] : "ada@example.com",
                            "acme/app",
                            "main",
                            Map.of("junit.xml", 4096L));
        }
    }
}
