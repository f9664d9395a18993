package dev.approuting.examples.packagerepomaven;

import static dev.approuting.examples.packagerepomaven.db.Tables.MAVEN_ARTIFACT;

import dev.approuting.core.AppName;
import dev.approuting.core.RoutedDatabases;
import dev.approuting.examples.AppData;
import dev.approuting.examples.packagerepomaven.db.tables.records.MavenArtifactRecord;
import java.time.OffsetDateTime;
import java.util.List;

/** Artifacts seen on Maven repositories. */
public final class MavenArtifacts extends AppData {
    /** This app. */
    public static final AppName APP = AppName.of("packagerepomaven");

    /** Works in the database {@code packagerepomaven} is routed to in the service of {@code dbs}. */
    public MavenArtifacts(RoutedDatabases dbs) {
        super(dbs, APP);
    }

    /** Records an artifact and returns its id. */
    public long record(String groupId, String artifactId, String version, OffsetDateTime publishedAt) {
        return insert(
                new MavenArtifactRecord(null, groupId, artifactId, version, publishedAt, null), MAVEN_ARTIFACT.ID);
    }

    /** Returns the versions recorded for {@code groupId:artifactId}, in insertion order. */
    public List<String> versions(String groupId, String artifactId) {
        return dbs.dsl(APP)
                .select(MAVEN_ARTIFACT.VERSION)
                .from(MAVEN_ARTIFACT)
                .where(MAVEN_ARTIFACT.GROUP_ID.eq(groupId), MAVEN_ARTIFACT.ARTIFACT_ID.eq(artifactId))
                .orderBy(MAVEN_ARTIFACT.ID)
                .fetch(MAVEN_ARTIFACT.VERSION);
    }
}
