package dev.approuting.examples.services;

import static dev.approuting.examples.workflow.db.Tables.WORK_UNIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.approuting.core.RoutedDatabases;
import dev.approuting.core.RoutingException;
import dev.approuting.examples.services.mavencrawler.MavenCrawler;
import dev.approuting.examples.services.pypicrawler.PypiCrawler;
import dev.approuting.testkit.App;
import dev.approuting.testkit.Isolation;
import dev.approuting.testkit.RoutingTest;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The two crawlers: the same workflow code, queues in different databases. */
class CrawlersIT {
    @Nested
    @RoutingTest(service = "crawler/maven", isolation = Isolation.ROLLBACK)
    class Maven {
        @Test
        void crawlsAnArtifactAndQueuesItsDependencies(RoutedDatabases dbs, @App("workflow") DSLContext workflow) {
            MavenCrawler crawler = new MavenCrawler(dbs);
            crawler.crawl("org.example", "widget", "1.0.0");
            crawler.crawl("org.example", "widget", "1.1.0");

            assertThat(workflow.select(WORK_UNIT.PAYLOAD)
                            .from(WORK_UNIT)
                            .orderBy(WORK_UNIT.ID)
                            .fetch(WORK_UNIT.PAYLOAD))
                    .containsExactly("org.example:widget:1.0.0", "org.example:widget:1.1.0");
        }
    }

    @Nested
    @RoutingTest(service = "crawler/pypi", isolation = Isolation.ROLLBACK)
    class Pypi {
        @Test
        void crawlsADistributionAndQueuesItsMetadata(RoutedDatabases dbs) {
            PypiCrawler crawler = new PypiCrawler(dbs);
            crawler.crawl("requests", "2.32.3");
            assertThat(crawler.queue().pendingKinds()).containsExactly("extract-metadata");
        }

        @Test
        void theMavenAppsAreNotRoutedHere(RoutedDatabases dbs) {
            assertThatThrownBy(() -> new MavenCrawler(dbs).crawl("g", "a", "1"))
                    .isInstanceOf(RoutingException.class)
                    .hasMessageContaining("is not routed in service 'crawler/pypi'");
        }
    }
}
