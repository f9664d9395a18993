package dev.approuting.examples.packagerepopypi;

import static dev.approuting.examples.packagerepopypi.db.Tables.PYPI_DISTRIBUTION;

import dev.approuting.core.AppName;
import dev.approuting.core.RoutedDatabases;
import java.time.OffsetDateTime;

/** Distributions (sdists and wheels) seen on PyPI. */
public final class PypiDistributions {
    /** This app. */
    public static final AppName APP = AppName.of("packagerepopypi");

    private final RoutedDatabases dbs;

    /** Works in the database {@code packagerepopypi} is routed to in the service of {@code dbs}. */
    public PypiDistributions(RoutedDatabases dbs) {
        this.dbs = dbs;
    }

    /** Records a distribution file and returns its id. */
    public long record(String project, String version, String filename, OffsetDateTime uploadedAt) {
        return dbs.transactionResult(
                APP,
                dsl -> dsl.insertInto(PYPI_DISTRIBUTION)
                        .set(PYPI_DISTRIBUTION.PROJECT, project)
                        .set(PYPI_DISTRIBUTION.VERSION, version)
                        .set(PYPI_DISTRIBUTION.FILENAME, filename)
                        .set(PYPI_DISTRIBUTION.UPLOADED_AT, uploadedAt)
                        .returning(PYPI_DISTRIBUTION.ID)
                        .fetchSingle(PYPI_DISTRIBUTION.ID));
    }

    /** Returns how many files of {@code project} are known. */
    public int count(String project) {
        return dbs.dsl(APP).fetchCount(PYPI_DISTRIBUTION, PYPI_DISTRIBUTION.PROJECT.eq(project));
    }
}
