package dev.approuting.examples.crawler;

import static dev.approuting.examples.crawler.db.Tables.CRAWL_TARGET;

import dev.approuting.core.AppName;
import dev.approuting.core.RoutedDatabases;
import dev.approuting.examples.AppData;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** What a crawler visits next. */
public final class CrawlTargets extends AppData {
    /** This app. */
    public static final AppName APP = AppName.of("crawler");

    /** Works in the database {@code crawler} is routed to in the service of {@code dbs}. */
    public CrawlTargets(RoutedDatabases dbs) {
        super(dbs, APP);
    }

    /** Records a visit of {@code url} with its HTTP status; the next visit is due after {@code revisit}. */
    public void visited(String url, int status, Duration revisit) {
        dbs.transaction(
                APP,
                dsl -> dsl.insertInto(CRAWL_TARGET)
                        .set(CRAWL_TARGET.URL, url)
                        .set(CRAWL_TARGET.LAST_STATUS, status)
                        .set(
                                CRAWL_TARGET.NEXT_CRAWL_AT,
                                OffsetDateTime.now(ZoneOffset.UTC).plus(revisit))
                        .execute());
    }

    /** Returns how many targets are known. */
    public int count() {
        return dbs.dsl(APP).fetchCount(CRAWL_TARGET);
    }
}
