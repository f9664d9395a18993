package dev.approuting.examples.services.pypicrawler;

import dev.approuting.core.RoutedDatabases;
import dev.approuting.examples.crawler.CrawlTargets;
import dev.approuting.examples.packagerepopypi.PypiDistributions;
import dev.approuting.examples.routing.CompanyRegistry;
import dev.approuting.examples.services.Deployment;
import dev.approuting.examples.workflow.WorkQueue;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * The {@code crawler/pypi} service: records distributions and queues follow-up work in the
 * {@code workflow} app, which this service keeps in the {@code pypi} database.
 */
public final class PypiCrawler {
    private final CrawlTargets targets;
    private final PypiDistributions distributions;
    private final WorkQueue queue;

    /** Uses the databases of {@link CompanyRegistry#PYPI_CRAWLER}. */
    public PypiCrawler(RoutedDatabases dbs) {
        this.targets = new CrawlTargets(dbs);
        this.distributions = new PypiDistributions(dbs);
        this.queue = new WorkQueue(dbs);
    }

    /** Crawls one distribution (the fetch is simulated) and returns its id. */
    public long crawl(String project, String version) {
        String filename = project + "-" + version + "-py3-none-any.whl";
        targets.visited("https://pypi.example/simple/" + project + "/", 200, Duration.ofHours(1));
        long id = distributions.record(project, version, filename, OffsetDateTime.now(ZoneOffset.UTC));
        queue.enqueue("extract-metadata", filename);
        return id;
    }

    /** Returns this service's work queue (kept in the pypi database). */
    public WorkQueue queue() {
        return queue;
    }

    /** Runs the service against the deployment's databases: crawls one distribution. */
    public static void main(String[] args) {
        try (RoutedDatabases dbs = Deployment.open(CompanyRegistry.PYPI_CRAWLER, Deployment.credentials())) {
            new PypiCrawler(dbs).crawl("requests", "2.32.3");
        }
    }
}
