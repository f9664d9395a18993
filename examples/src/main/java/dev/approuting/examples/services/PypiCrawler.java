package dev.approuting.examples.services;

import static dev.approuting.examples.crawler.db.Tables.CRAWL_TARGET;
import static dev.approuting.examples.packagerepopypi.db.Tables.PYPI_DISTRIBUTION;

import dev.approuting.core.AppName;
import dev.approuting.core.RoutedDatabases;
import dev.approuting.examples.routing.CompanyRegistry;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * The PyPI crawler: records distributions and queues follow-up work in the {@code workflow} app,
 * which this service keeps in the {@code pypi} database.
 */
public final class PypiCrawler {
    static final AppName PACKAGEREPOPYPI = AppName.of("packagerepopypi");

    private final RoutedDatabases dbs;
    private final WorkQueue queue;

    /** Uses the databases of {@link CompanyRegistry#PYPI_CRAWLER}. */
    public PypiCrawler(RoutedDatabases dbs) {
        this.dbs = dbs;
        this.queue = new WorkQueue(dbs);
    }

    /** Crawls one distribution (the fetch is simulated) and returns its id. */
    public long crawl(String project, String version) {
        String filename = project + "-" + version + "-py3-none-any.whl";
        dbs.transaction(
                MavenCrawler.CRAWLER,
                dsl -> dsl.insertInto(CRAWL_TARGET)
                        .set(CRAWL_TARGET.URL, "https://pypi.example/simple/" + project + "/")
                        .set(CRAWL_TARGET.LAST_STATUS, 200)
                        .execute());
        long id = dbs.transactionResult(
                PACKAGEREPOPYPI,
                dsl -> dsl.insertInto(PYPI_DISTRIBUTION)
                        .set(PYPI_DISTRIBUTION.PROJECT, project)
                        .set(PYPI_DISTRIBUTION.VERSION, version)
                        .set(PYPI_DISTRIBUTION.FILENAME, filename)
                        .set(PYPI_DISTRIBUTION.UPLOADED_AT, OffsetDateTime.now(ZoneOffset.UTC))
                        .returning(PYPI_DISTRIBUTION.ID)
                        .fetchSingle(PYPI_DISTRIBUTION.ID));
        queue.enqueue("extract-metadata", filename);
        return id;
    }

    /** Returns the work queued by this service (kept in the pypi database). */
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
