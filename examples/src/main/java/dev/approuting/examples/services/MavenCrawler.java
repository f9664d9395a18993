package dev.approuting.examples.services;

import static dev.approuting.examples.crawler.db.Tables.CRAWL_TARGET;
import static dev.approuting.examples.packagerepomaven.db.Tables.MAVEN_ARTIFACT;
import static dev.approuting.examples.webresource.db.Tables.WEB_RESOURCE;

import dev.approuting.core.AppName;
import dev.approuting.core.RoutedDatabases;
import dev.approuting.examples.routing.CompanyRegistry;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * The Maven crawler: fetches a POM, records the artifact, and queues follow-up work in the
 * {@code workflow} app, which this service keeps in the {@code maven} database.
 */
public final class MavenCrawler {
    static final AppName CRAWLER = AppName.of("crawler");
    static final AppName WEBRESOURCE = AppName.of("webresource");
    static final AppName PACKAGEREPOMAVEN = AppName.of("packagerepomaven");

    private final RoutedDatabases dbs;
    private final WorkQueue queue;

    /** Uses the databases of {@link CompanyRegistry#MAVEN_CRAWLER}. */
    public MavenCrawler(RoutedDatabases dbs) {
        this.dbs = dbs;
        this.queue = new WorkQueue(dbs);
    }

    /** Crawls one artifact (the fetch is simulated) and returns the id of the stored artifact. */
    public long crawl(String groupId, String artifactId, String version) {
        String url = "https://repo.example/" + groupId.replace('.', '/') + "/" + artifactId + "/" + version + "/"
                + artifactId + "-" + version + ".pom";
        dbs.transaction(
                CRAWLER,
                dsl -> dsl.insertInto(CRAWL_TARGET)
                        .set(CRAWL_TARGET.URL, url)
                        .set(CRAWL_TARGET.LAST_STATUS, 200)
                        .set(
                                CRAWL_TARGET.NEXT_CRAWL_AT,
                                OffsetDateTime.now(ZoneOffset.UTC).plusHours(6))
                        .execute());
        dbs.transaction(
                WEBRESOURCE,
                dsl -> dsl.insertInto(WEB_RESOURCE)
                        .set(WEB_RESOURCE.URL, url)
                        .set(WEB_RESOURCE.ETAG, "\"" + version + "\"")
                        .onConflict(WEB_RESOURCE.URL)
                        .doNothing()
                        .execute());
        long id = dbs.transactionResult(
                PACKAGEREPOMAVEN,
                dsl -> dsl.insertInto(MAVEN_ARTIFACT)
                        .set(MAVEN_ARTIFACT.GROUP_ID, groupId)
                        .set(MAVEN_ARTIFACT.ARTIFACT_ID, artifactId)
                        .set(MAVEN_ARTIFACT.VERSION, version)
                        .set(MAVEN_ARTIFACT.PUBLISHED_AT, OffsetDateTime.now(ZoneOffset.UTC))
                        .returning(MAVEN_ARTIFACT.ID)
                        .fetchSingle(MAVEN_ARTIFACT.ID));
        queue.enqueue("resolve-dependencies", groupId + ":" + artifactId + ":" + version);
        return id;
    }

    /** Returns the work queued by this service (kept in the maven database). */
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
