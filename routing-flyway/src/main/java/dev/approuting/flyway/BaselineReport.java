package dev.approuting.flyway;

import dev.approuting.core.AppName;
import dev.approuting.core.DbName;
import dev.approuting.core.ErrorCode;
import dev.approuting.core.RoutingException;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What {@link MigrateAll#baseline(String, String, AppName...)} did, or
 * {@link MigrateAll#planBaseline(String, String, AppName...)} would do: per (database, app), a history created
 * with one baseline row, so that the app's migrations up to that version count as applied and later ones
 * run. For adopting a database whose tables already exist (see {@code docs/adopting.md}).
 *
 * @param dryRun whether this was a plan that changed nothing
 * @param version the baseline version
 * @param baselines one per (database, app), in registry and migration order
 */
public record BaselineReport(boolean dryRun, String version, List<BaselineReport.Baseline> baselines) {
    /** Copies the list. */
    public BaselineReport {
        baselines = List.copyOf(baselines);
    }

    /** What happened to one app. */
    public enum Outcome {
        /** The history was created with its baseline row. */
        BASELINED,
        /** Dry run: the history would be created with its baseline row. */
        PLANNED,
        /** The history holds exactly this baseline already: nothing to do. */
        ALREADY_BASELINED,
        /** Refused or failed; see {@link Baseline#error()}. */
        FAILED
    }

    /**
     * The baseline of one app in one logical database.
     *
     * @param db the logical database
     * @param app the app
     * @param outcome what happened
     * @param error why it was refused or failed (a history that exists, a schema without tables, no
     *     credentials, a migrate-all running), or {@code null}
     */
    public record Baseline(
            DbName db,
            AppName app,
            Outcome outcome,
            @Nullable MigrationError error) {
        /** Returns the baseline as one line, such as {@code shop/orders: baselined at 1}. */
        public String describe() {
            MigrationError failure = error;
            return db + "/" + app + ": "
                    + switch (outcome) {
                        case BASELINED -> "baselined";
                        case PLANNED -> "would be baselined";
                        case ALREADY_BASELINED -> "already baselined";
                        case FAILED -> "FAILED " + (failure == null ? "" : failure.describe());
                    };
        }
    }

    /** Returns whether no app failed. */
    public boolean success() {
        return baselines.stream().noneMatch(b -> b.outcome() == Outcome.FAILED);
    }

    /** Returns the baselines that were refused or failed. */
    public List<Baseline> failures() {
        return baselines.stream().filter(b -> b.outcome() == Outcome.FAILED).toList();
    }

    /**
     * Returns this report when no app failed.
     *
     * @throws RoutingException with {@link ErrorCode#MIGRATION_FAILED} naming each (database, app) refused
     *     and why
     */
    public BaselineReport orThrow() {
        List<RoutingException> failed = failures().stream()
                .map(b -> RoutingException.forApp(ErrorCode.MIGRATION_FAILED, b.app(), b.db(), b.describe()))
                .toList();
        if (!failed.isEmpty()) {
            throw RoutingException.allOf(ErrorCode.MIGRATION_FAILED, "baselines failed", failed);
        }
        return this;
    }
}
