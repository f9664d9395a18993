package dev.approuting.flyway;

import dev.approuting.core.AppName;
import dev.approuting.core.DbName;
import dev.approuting.core.ErrorCode;
import dev.approuting.core.RoutingException;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What {@link MigrateAll#repair(AppName...)} did, or {@link MigrateAll#planRepair(AppName...)} would do, to
 * the Flyway history of each (database, app): failed rows removed (left by a migration that could not run in
 * a transaction), checksums, descriptions and types realigned with the scripts as they are now, and applied
 * migrations whose script is gone marked as deleted. Repair never touches the app's tables.
 *
 * @param dryRun whether this was a plan that changed nothing
 * @param repairs one per (database, app), in registry and migration order
 */
public record RepairReport(boolean dryRun, List<RepairReport.Repair> repairs) {
    /** Copies the list. */
    public RepairReport {
        repairs = List.copyOf(repairs);
    }

    /**
     * The repair of one app in one logical database.
     *
     * @param db the logical database
     * @param app the app
     * @param removed versions of failed rows removed from the history
     * @param aligned versions whose checksum, description or type was realigned with the script
     * @param deleted versions whose script is gone, marked as deleted
     * @param error why the app could not be repaired (no credentials, a migrate-all running, Flyway's
     *     refusal), or {@code null}
     */
    public record Repair(
            DbName db,
            AppName app,
            List<String> removed,
            List<String> aligned,
            List<String> deleted,
            @Nullable MigrationError error) {
        /** Copies the lists. */
        public Repair {
            removed = List.copyOf(removed);
            aligned = List.copyOf(aligned);
            deleted = List.copyOf(deleted);
        }

        /** Returns whether the history needed (or, after a run, got) a change. */
        public boolean changed() {
            return !removed.isEmpty() || !aligned.isEmpty() || !deleted.isEmpty();
        }

        /** Returns the repair as one line, such as {@code users/billing: realigned 3; removed failed 4}. */
        public String describe() {
            MigrationError failure = error;
            if (failure != null) {
                return db + "/" + app + ": FAILED " + failure.describe();
            }
            List<String> parts = new ArrayList<>();
            if (!removed.isEmpty()) {
                parts.add("removed failed " + String.join(", ", removed));
            }
            if (!aligned.isEmpty()) {
                parts.add("realigned " + String.join(", ", aligned));
            }
            if (!deleted.isEmpty()) {
                parts.add("marked deleted " + String.join(", ", deleted));
            }
            return db + "/" + app + ": " + (parts.isEmpty() ? "nothing to repair" : String.join("; ", parts));
        }
    }

    /** Returns whether every app was repaired (or planned) without failure. */
    public boolean success() {
        return repairs.stream().allMatch(r -> r.error() == null);
    }

    /** Returns whether some history needed (or, after a run, got) a change. */
    public boolean changed() {
        return repairs.stream().anyMatch(Repair::changed);
    }

    /** Returns the repairs that failed. */
    public List<Repair> failures() {
        return repairs.stream().filter(r -> r.error() != null).toList();
    }

    /**
     * Returns this report when every app was repaired.
     *
     * @throws RoutingException with {@link ErrorCode#MIGRATION_FAILED} naming each (database, app) that
     *     failed and why
     */
    public RepairReport orThrow() {
        List<RoutingException> failed = failures().stream()
                .map(r -> RoutingException.forApp(ErrorCode.MIGRATION_FAILED, r.app(), r.db(), r.describe()))
                .toList();
        if (!failed.isEmpty()) {
            throw RoutingException.allOf(ErrorCode.MIGRATION_FAILED, "repairs failed", failed);
        }
        return this;
    }
}
