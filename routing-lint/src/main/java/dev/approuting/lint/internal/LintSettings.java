package dev.approuting.lint.internal;

import dev.approuting.lint.LintRule;
import dev.approuting.lint.Severity;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Everything that changes what the engine reports.
 *
 * @param pgVersion PostgreSQL major version the migrations run on
 * @param strictSeed new columns must be nullable and defaulted
 * @param runnerSetsLockTimeout the migration runner sets lock_timeout itself
 * @param transactionalLock Flyway's PostgreSQL transactional lock is on
 * @param mixed Flyway's {@code mixed} setting
 * @param excludedRules rules never reported
 * @param severities severity overrides
 * @param excludedPaths glob patterns of files to skip
 * @param deployedModel what the deployed code uses, or null when unknown: drops and renames of objects
 *     it does not use are only warnings
 */
public record LintSettings(
        int pgVersion,
        boolean strictSeed,
        boolean runnerSetsLockTimeout,
        boolean transactionalLock,
        boolean mixed,
        Set<LintRule> excludedRules,
        Map<LintRule, Severity> severities,
        List<String> excludedPaths,
        @Nullable DeployedModel deployedModel) {

    /** Copies the values. */
    public LintSettings {
        excludedRules = Set.copyOf(excludedRules);
        severities = Map.copyOf(severities);
        excludedPaths = List.copyOf(excludedPaths);
    }

    /** Returns these settings judging by PostgreSQL {@code major}. */
    public LintSettings withPgVersion(int major) {
        return new LintSettings(
                major,
                strictSeed(),
                runnerSetsLockTimeout(),
                transactionalLock(),
                mixed(),
                excludedRules(),
                severities(),
                excludedPaths(),
                deployedModel());
    }

    Severity severityOf(LintRule rule) {
        return severities.getOrDefault(rule, rule.defaultSeverity());
    }
}
