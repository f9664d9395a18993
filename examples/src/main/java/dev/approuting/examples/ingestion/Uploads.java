package dev.approuting.examples.ingestion;

import static dev.approuting.examples.ingestion.db.Tables.INGESTED_FILE;

import dev.approuting.core.AppName;
import dev.approuting.core.RoutedDatabases;
import dev.approuting.examples.AppData;
import java.util.Map;

/** Files uploaded by builds, waiting to be processed. */
public final class Uploads extends AppData {
    /** This app. */
    public static final AppName APP = AppName.of("ingestion");

    /** Works in the database {@code ingestion} is routed to in the service of {@code dbs}. */
    public Uploads(RoutedDatabases dbs) {
        super(dbs, APP);
    }

    /** Records the files of build {@code buildId} (path → size in bytes) in one transaction. */
    public void receive(long buildId, Map<String, Long> files) {
        dbs.transaction(
                APP,
                dsl -> files.forEach((path, size) -> dsl.insertInto(INGESTED_FILE)
                        .set(INGESTED_FILE.BUILD_ID, buildId)
                        .set(INGESTED_FILE.PATH, path)
                        .set(INGESTED_FILE.SIZE_BYTES, size)
                        .execute()));
    }

    /** Returns how many files build {@code buildId} uploaded. */
    public int count(long buildId) {
        return dbs.dsl(APP).fetchCount(INGESTED_FILE, INGESTED_FILE.BUILD_ID.eq(buildId));
    }
}
