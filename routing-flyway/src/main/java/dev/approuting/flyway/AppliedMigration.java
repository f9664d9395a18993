package dev.approuting.flyway;

import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One row of an app's Flyway history in one logical database: what was applied, when, by whom and how long
 * it took.
 *
 * @param version the version, or {@code null} for a repeatable migration
 * @param description the description, such as {@code add index on state}
 * @param type how Flyway recorded it: {@code SQL}, {@code JDBC}, {@code BASELINE}, {@code SCHEMA} (the
 *     creation of the app's schema)…
 * @param script the script, or {@code null} for rows without one (a baseline, the schema creation)
 * @param installedOn when it was applied, or {@code null} when the history does not say
 * @param installedBy the database role that applied it, or {@code null} when the history does not say
 * @param executionTime how long it ran
 * @param success whether it succeeded (a failed row stays in the history of a non-transactional migration
 *     until {@link MigrateAll#repair(AppName...)} removes it)
 */
public record AppliedMigration(
        @Nullable String version,
        String description,
        String type,
        @Nullable String script,
        @Nullable Instant installedOn,
        @Nullable String installedBy,
        Duration executionTime,
        boolean success) {

    /** Returns the version, or {@code R:description} for a repeatable migration, as reports name migrations. */
    public String name() {
        return version != null ? version : "R:" + description;
    }
}
