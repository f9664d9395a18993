package dev.approuting.examples.services.mavencrawler;

import dev.approuting.core.RoutedDatabases;
import dev.approuting.examples.crawler.CrawlTargets;
import dev.approuting.examples.packagerepomaven.MavenArtifacts;
import dev.approuting.examples.routing.CompanyRegistry;
import dev.approuting.examples.services.Deployment;
import dev.approuting.examples.webresource.WebResources;
import dev.approuting.examples.workflow.WorkQueue;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * The {@code crawler/maven} service: fetches POMs, records artifacts, and queues follow-up work in the
 * {@code workflow} app, which this service keeps in the {@code maven} database.
 */
public final class MavenCrawler {
    private final CrawlTargets targets;
    private final WebResources resources;
    private final MavenArtifacts artifacts;
    private final WorkQueue queue;

    /** Uses the databases of {@link CompanyRegistry#MAVEN_CRAWLER}. */
    public MavenCrawler(RoutedDatabases dbs) {
        this.targets = new CrawlTargets(dbs);
        this.resources = new WebResources(dbs);
        this.artifacts = new MavenArtifacts(dbs);
        this.queue = new WorkQueue(dbs);
    }

    /** Crawls one artifact (the fetch is simulated) and returns the id of the stored artifact. */
    public long crawl(String groupId, String artifactId, String version) {
        String url = "https://repo.example/" + groupId.replace('.', '/') + "/" + artifactId + "/" + version + "/"
                + artifactId + "-" + version + ".pom";
        targets.visited(url, 200, Duration.ofHours(6));
        resources.fetched(url, "\"" + version + "\"");
        long id = artifacts.record(groupId, artifactId, version, OffsetDateTime.now(ZoneOffset.UTC));
        queue.enqueue("resolve-dependencies", groupId + ":" + artifactId + ":" + version);
        return id;
    }

    /** Returns this service's work queue (kept in the maven database). */
    public WorkQueue queue() {
        return queue;
    }

    /** Runs the service against the deployment's databases: crawls one artifact. */
    public static void main(String[] args) {
        try (RoutedDatabases dbs = Deployment.open(CompanyRegistry.MAVEN_CRAWLER, Deployment.credentials())) {
            new MavenCrawler(dbs).crawl("org.example", "widget", "1.0.0");
        }
    }
}
