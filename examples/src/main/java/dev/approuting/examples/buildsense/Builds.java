package dev.approuting.examples.buildsense;

import static dev.approuting.examples.buildsense.db.Tables.BUILD_RUN;

import dev.approuting.core.AppName;
import dev.approuting.core.RoutedDatabases;
import dev.approuting.examples.AppData;
import dev.approuting.examples.buildsense.db.tables.records.BuildRunRecord;

/** CI builds seen by buildsense. */
public final class Builds extends AppData {
    /** This app. */
    public static final AppName APP = AppName.of("buildsense");

    /** Works in the database {@code buildsense} is routed to in the service of {@code dbs}. */
    public Builds(RoutedDatabases dbs) {
        super(dbs, APP);
    }

    /** Records a running build and returns its id. */
    public long start(String repo, String branch, String ciProvider) {
        return insert(new BuildRunRecord(null, repo, branch, null, null, null, ciProvider), BUILD_RUN.ID);
    }

    /** Returns how many builds of {@code repo} were recorded. */
    public int count(String repo) {
        return dbs.dsl(APP).fetchCount(BUILD_RUN, BUILD_RUN.REPO.eq(repo));
    }
}
