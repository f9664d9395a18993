package dev.approuting.examples.buildsense;

import static dev.approuting.examples.buildsense.db.Tables.BUILD_RUN;

import dev.approuting.core.AppName;
import dev.approuting.core.RoutedDatabases;
import dev.approuting.examples.AppData;
import dev.approuting.examples.buildsense.db.tables.records.BuildRunRecord;
import org.jspecify.annotations.Nullable;

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

    /**
     * Records a running build and reads its branch back through {@code reading(app)}: from a reader of the
     * database once it has replayed the insert, else from the writer, so the read always sees the write.
     */
    public @Nullable String startAndReadBack(String repo, String branch) {
        long id = start(repo, branch, "github"); // committed on the writer: the thread's token moves past it
        return dbs.reading(APP)
                .select(BUILD_RUN.BRANCH)
                .from(BUILD_RUN)
                .where(BUILD_RUN.ID.eq(id))
                .fetchOne(BUILD_RUN.BRANCH);
    }

    /** Returns how many builds of {@code repo} were recorded. */
    public int count(String repo) {
        return dbs.dsl(APP).fetchCount(BUILD_RUN, BUILD_RUN.REPO.eq(repo));
    }
}
