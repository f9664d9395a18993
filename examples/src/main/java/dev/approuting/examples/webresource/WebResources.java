package dev.approuting.examples.webresource;

import static dev.approuting.examples.webresource.db.Tables.WEB_RESOURCE;

import dev.approuting.core.AppName;
import dev.approuting.core.RoutedDatabases;
import dev.approuting.examples.AppData;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** Fetched web resources, cached by URL. */
public final class WebResources extends AppData {
    /** This app. */
    public static final AppName APP = AppName.of("webresource");

    /** Works in the database {@code webresource} is routed to in the service of {@code dbs}. */
    public WebResources(RoutedDatabases dbs) {
        super(dbs, APP);
    }

    /** Records that {@code url} was fetched with {@code etag}; a second fetch updates the entry. */
    public void fetched(String url, String etag) {
        dbs.transaction(
                APP,
                dsl -> dsl.insertInto(WEB_RESOURCE)
                        .set(WEB_RESOURCE.URL, url)
                        .set(WEB_RESOURCE.ETAG, etag)
                        .onConflict(WEB_RESOURCE.URL)
                        .doUpdate()
                        .set(WEB_RESOURCE.ETAG, etag)
                        .set(WEB_RESOURCE.FETCHED_AT, OffsetDateTime.now(ZoneOffset.UTC))
                        .execute());
    }

    /** Returns how many resources are cached. */
    public int count() {
        return dbs.dsl(APP).fetchCount(WEB_RESOURCE);
    }
}
