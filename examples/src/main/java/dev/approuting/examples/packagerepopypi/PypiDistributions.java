package dev.approuting.examples.packagerepopypi;

import static dev.approuting.examples.packagerepopypi.db.Tables.PYPI_DISTRIBUTION;

import dev.approuting.core.AppName;
import dev.approuting.core.RoutedDatabases;
import dev.approuting.examples.AppData;
import dev.approuting.examples.packagerepopypi.db.tables.records.PypiDistributionRecord;
import java.time.OffsetDateTime;

/** Distributions (sdists and wheels) seen on PyPI. */
public final class PypiDistributions extends AppData {
    /** This app. */
    public static final AppName APP = AppName.of("packagerepopypi");

    /** Works in the database {@code packagerepopypi} is routed to in the service of {@code dbs}. */
    public PypiDistributions(RoutedDatabases dbs) {
        super(dbs, APP);
    }

    /** Records a distribution file and returns its id. */
    public long record(String project, String version, String filename, OffsetDateTime uploadedAt) {
        return insert(new PypiDistributionRecord(null, project, version, filename, uploadedAt), PYPI_DISTRIBUTION.ID);
    }

    /** Returns how many files of {@code project} are known. */
    public int count(String project) {
        return dbs.dsl(APP).fetchCount(PYPI_DISTRIBUTION, PYPI_DISTRIBUTION.PROJECT.eq(project));
    }
}
