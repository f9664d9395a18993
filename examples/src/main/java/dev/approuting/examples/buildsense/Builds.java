package dev.approuting.examples.buildsense;

import static dev.approuting.examples.buildsense.db.Tables.BUILD_RUN;

import dev.approuting.core.AppName;
import dev.approuting.core.RoutedDatabases;

/** CI builds seen by buildsense. */
public final class Builds {
    /** This app. */
    public static final AppName APP = AppName.of("buildsense");

    private final RoutedDatabases dbs;

    /** Works in the database {@code buildsense} is routed to in the service of {@code dbs}. */
    public Builds(RoutedDatabases dbs) {
        this.dbs = dbs;
    }

    /** Records a running build and returns its id. */
    public long start(String repo, String branch, String ciProvider) {
        return dbs.transactionResult(
                APP,
                dsl -> dsl.insertInto(BUILD_RUN)
                        .set(BUILD_RUN.REPO, repo)
                        .set(BUILD_RUN.BRANCH, branch)
                        .set(BUILD_RUN.CI_PROVIDER, ciProvider)
                        .returning(BUILD_RUN.ID)
                        .fetchSingle(BUILD_RUN.ID));
    }

    /** Returns how many builds of {@code repo} were recorded. */
    public int count(String repo) {
        return dbs.dsl(APP).fetchCount(BUILD_RUN, BUILD_RUN.REPO.eq(repo));
    }
}
