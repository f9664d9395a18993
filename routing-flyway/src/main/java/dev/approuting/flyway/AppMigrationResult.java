package dev.approuting.flyway;

import dev.approuting.core.AppName;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What a migration run did to one app in one logical database.
 *
 * @param app the app
 * @param outcome what happened
 * @param applied the versions applied by this run, in order (repeatable scripts as {@code R:description})
 * @param pending the versions still to apply: after a dry run what a real run would apply, after a
 *     failure what is left
 * @param currentVersion the app's schema version after the run, or {@code null} when nothing was ever
 *     applied
 * @param newHistory whether the app had no history in this database before the run (its migrations
 *     were never applied here, for example because the app was just routed to it)
 * @param duration how long the app took
 * @param error why it failed, when {@link #outcome()} is {@link Outcome#FAILED}
 */
public record AppMigrationResult(
        AppName app,
        Outcome outcome,
        List<String> applied,
        List<String> pending,
        @Nullable String currentVersion,
        boolean newHistory,
        Duration duration,
        @Nullable MigrationError error) {

    /** What happened to an app. */
    public enum Outcome {
        /** Nothing to apply. */
        UP_TO_DATE,
        /** At least one migration was applied. */
        MIGRATED,
        /** Dry run: {@link AppMigrationResult#pending()} would be applied. */
        PLANNED,
        /** The migration failed; see {@link AppMigrationResult#error()}. */
        FAILED,
        /** Not attempted, because an app before it in the same database failed. */
        SKIPPED,
        /** Nothing to migrate: the app's settings say it has no tables ({@link FlywaySettings#hasNoTables()}). */
        NO_TABLES
    }

    /** Copies the lists. */
    public AppMigrationResult {
        applied = List.copyOf(applied);
        pending = List.copyOf(pending);
    }

    /** Returns whether the app failed or was skipped. */
    public boolean failed() {
        return outcome == Outcome.FAILED || outcome == Outcome.SKIPPED;
    }
}
