package dev.approuting.lint.internal;

import dev.approuting.core.ErrorCode;
import dev.approuting.core.RoutingException;
import dev.approuting.core.support.Text;
import dev.approuting.lint.LintRule;
import dev.approuting.lint.MigrationLinter;
import dev.approuting.lint.Severity;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Reads {@code routing-lint.properties}: {@code pg-version}, {@code strict-seed},
 * {@code runner-sets-lock-timeout}, {@code flyway-transactional-lock}, {@code flyway-mixed},
 * {@code exclude-rules}, {@code severity.<rule>}, {@code paths}, {@code exclude-paths}.
 *
 * @param pgVersion or null when not set
 * @param strictSeed or null when not set
 * @param runnerSetsLockTimeout or null when not set
 * @param transactionalLock or null when not set
 * @param mixed or null when not set
 * @param excludedRules rules to exclude
 * @param severities severity overrides
 * @param paths paths to lint when none are given
 * @param excludedPaths globs of files to leave out
 */
public record LintConfigFile(
        @Nullable Integer pgVersion,
        @Nullable Boolean strictSeed,
        @Nullable Boolean runnerSetsLockTimeout,
        @Nullable Boolean transactionalLock,
        @Nullable Boolean mixed,
        Set<LintRule> excludedRules,
        Map<LintRule, Severity> severities,
        List<String> paths,
        List<String> excludedPaths) {

    /** The file name looked for in the working directory when none is given. */
    public static final String DEFAULT_NAME = MigrationLinter.DEFAULT_CONFIG_FILE;

    private static final String[] KEYS = {
        "pg-version",
        "strict-seed",
        "runner-sets-lock-timeout",
        "flyway-transactional-lock",
        "flyway-mixed",
        "exclude-rules",
        "severity.<rule>",
        "paths",
        "exclude-paths"
    };

    /** Copies the values. */
    public LintConfigFile {
        excludedRules = Set.copyOf(excludedRules);
        severities = Map.copyOf(severities);
        paths = List.copyOf(paths);
        excludedPaths = List.copyOf(excludedPaths);
    }

    /**
     * Reads and checks a configuration file, reporting every problem at once.
     *
     * @throws RoutingException ({@link ErrorCode#INVALID_CONFIGURATION}) when the file is unreadable
     *     or a key or value is wrong
     */
    public static LintConfigFile load(Path file) {
        Properties props = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            props.load(in);
        } catch (IOException | IllegalArgumentException e) {
            throw RoutingException.of(
                    ErrorCode.INVALID_CONFIGURATION,
                    "cannot read lint configuration " + file + ": " + e.getMessage(),
                    e);
        }
        List<String> problems = new ArrayList<>();
        Integer pgVersion = null;
        Boolean strictSeed = null;
        Boolean runnerSetsLockTimeout = null;
        Boolean transactionalLock = null;
        Boolean mixed = null;
        Set<LintRule> excluded = EnumSet.noneOf(LintRule.class);
        Map<LintRule, Severity> severities = new EnumMap<>(LintRule.class);
        List<String> paths = List.of();
        List<String> excludedPaths = List.of();
        for (String key : props.stringPropertyNames().stream().sorted().toList()) {
            String value = props.getProperty(key).trim();
            switch (key) {
                case "pg-version" -> pgVersion = pgVersion(value, problems);
                case "strict-seed" -> strictSeed = bool(key, value, problems);
                case "runner-sets-lock-timeout" -> runnerSetsLockTimeout = bool(key, value, problems);
                case "flyway-transactional-lock" -> transactionalLock = bool(key, value, problems);
                case "flyway-mixed" -> mixed = bool(key, value, problems);
                case "exclude-rules" -> {
                    for (String id : list(value)) {
                        rule(id, "exclude-rules", problems).ifPresent(excluded::add);
                    }
                }
                case "paths" -> paths = list(value);
                case "exclude-paths" -> excludedPaths = list(value);
                default -> {
                    if (key.startsWith("severity.")) {
                        String id = key.substring("severity.".length());
                        Severity severity = severity(key, value, problems);
                        rule(id, key, problems).ifPresent(r -> {
                            if (severity != null) {
                                severities.put(r, severity);
                            }
                        });
                    } else {
                        problems.add("unknown key '" + key + "'" + Text.didYouMean(key, Arrays.asList(KEYS))
                                + "; known keys: " + String.join(", ", KEYS));
                    }
                }
            }
        }
        if (!problems.isEmpty()) {
            throw RoutingException.of(
                    ErrorCode.INVALID_CONFIGURATION,
                    "lint configuration " + file + " is invalid:\n  - " + String.join("\n  - ", problems));
        }
        return new LintConfigFile(
                pgVersion,
                strictSeed,
                runnerSetsLockTimeout,
                transactionalLock,
                mixed,
                excluded,
                severities,
                paths,
                excludedPaths);
    }

    /** Checks a PostgreSQL major version. */
    public static @Nullable String checkPgVersion(int version) {
        return version < 9 || version > 99
                ? "pg-version must be a PostgreSQL major version such as 15, got " + version
                : null;
    }

    private static @Nullable Integer pgVersion(String value, List<String> problems) {
        try {
            int v = Integer.parseInt(value);
            String problem = checkPgVersion(v);
            if (problem != null) {
                problems.add(problem);
                return null;
            }
            return v;
        } catch (NumberFormatException e) {
            problems.add("pg-version must be a PostgreSQL major version such as 15, got '" + value + "'");
            return null;
        }
    }

    private static @Nullable Boolean bool(String key, String value, List<String> problems) {
        String v = value.toLowerCase(Locale.ROOT);
        if (v.equals("true") || v.equals("false")) {
            return Boolean.valueOf(v);
        }
        problems.add(key + " must be true or false, got '" + value + "'");
        return null;
    }

    private static @Nullable Severity severity(String key, String value, List<String> problems) {
        for (Severity s : Severity.values()) {
            if (s.id().equals(value.toLowerCase(Locale.ROOT))) {
                return s;
            }
        }
        problems.add(key + " must be error or warning, got '" + value + "' (use exclude-rules to turn a rule off)");
        return null;
    }

    private static Optional<LintRule> rule(String id, String where, List<String> problems) {
        Optional<LintRule> rule = LintRule.byId(id);
        if (rule.isEmpty()) {
            problems.add(where + ": unknown rule '" + id + "'" + LintRule.didYouMean(id));
        }
        return rule;
    }

    private static List<String> list(String value) {
        return Arrays.stream(value.split(",", -1))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .toList();
    }
}
