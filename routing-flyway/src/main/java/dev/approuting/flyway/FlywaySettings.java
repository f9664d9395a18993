package dev.approuting.flyway;

import dev.approuting.core.AppName;
import dev.approuting.core.ErrorCode;
import dev.approuting.core.RoutingException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Flyway settings of one app, typed: where its scripts are and how Flyway treats them. Immutable;
 * build one with {@link #builder()}, or set them for all apps and per app through
 * {@link MigrationConfig.Builder#defaults} and {@link MigrationConfig.Builder#app}.
 *
 * <p>What approuting fixes and no setting changes: the app's tables and its {@code flyway_schema_history}
 * live in a schema named after the app (created when missing), the placeholders {@code ${app}} and
 * {@code ${db}} name the app and the logical database, the PostgreSQL lock is a session lock (so
 * {@code CREATE INDEX CONCURRENTLY} works), and {@code clean} is disabled.
 *
 * @param locations where the app's scripts are (Flyway location syntax, {@code classpath:} or
 *     {@code filesystem:}); empty means {@code classpath:db/migration/{app}}
 * @param lockRetryCount how often to retry taking the migration lock held by another run (Flyway's
 *     {@code lockRetryCount}; negative retries forever)
 * @param validateOnMigrate whether to validate applied scripts against the files before migrating
 * @param outOfOrder whether a script older than the newest applied one is still applied (on by
 *     default: timestamp versions from branches merged late need it)
 * @param baselineOnMigrate whether to baseline a schema that has tables but no history
 * @param baselineVersion the version {@code baselineOnMigrate} records
 * @param mixed whether one script may mix statements that can and cannot run in a transaction
 * @param connectRetries how often to retry connecting, one second apart at first
 * @param placeholders extra placeholders ({@code app} and {@code db} are set by approuting)
 */
public record FlywaySettings(
        List<String> locations,
        int lockRetryCount,
        boolean validateOnMigrate,
        boolean outOfOrder,
        boolean baselineOnMigrate,
        String baselineVersion,
        boolean mixed,
        int connectRetries,
        Map<String, String> placeholders) {

    /** The location of an app's scripts when none is set; {@code {app}} stands for the app name. */
    public static final String DEFAULT_LOCATION = "classpath:db/migration/{app}";

    /**
     * Validates and copies the values.
     *
     * @throws RoutingException with {@link ErrorCode#INVALID_CONFIGURATION} for a blank location or
     *     baseline version, negative connect retries, or a placeholder named {@code app} or {@code db}
     */
    public FlywaySettings {
        locations = List.copyOf(locations);
        placeholders = Map.copyOf(placeholders);
        for (String location : locations) {
            check(!location.isBlank(), "a location is blank: give a classpath: or filesystem: location");
        }
        check(!baselineVersion.isBlank(), "the baseline version is blank");
        check(connectRetries >= 0, "connectRetries is " + connectRetries + ": give 0 or more");
        check(
                !placeholders.containsKey("app") && !placeholders.containsKey("db"),
                "the placeholders ${app} and ${db} are set by approuting: rename yours");
    }

    /** Returns the defaults: Flyway's, except {@code outOfOrder} on (see {@link #outOfOrder()}). */
    public static FlywaySettings defaults() {
        return builder().build();
    }

    /** Starts settings from the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** Returns a builder starting from these settings. */
    public Builder toBuilder() {
        Builder b = builder()
                .locations(locations.toArray(String[]::new))
                .lockRetryCount(lockRetryCount)
                .validateOnMigrate(validateOnMigrate)
                .outOfOrder(outOfOrder)
                .baselineOnMigrate(baselineOnMigrate)
                .baselineVersion(baselineVersion)
                .mixed(mixed)
                .connectRetries(connectRetries);
        placeholders.forEach(b::placeholder);
        return b;
    }

    /** Returns the locations Flyway reads for {@code app}: the ones set, or the default one. */
    public List<String> locationsFor(AppName app) {
        List<String> chosen = locations.isEmpty() ? List.of(DEFAULT_LOCATION) : locations;
        return chosen.stream().map(l -> l.replace("{app}", app.value())).toList();
    }

    private static void check(boolean ok, String problem) {
        if (!ok) {
            throw RoutingException.of(ErrorCode.INVALID_CONFIGURATION, "invalid Flyway settings: " + problem);
        }
    }

    /** Builds {@link FlywaySettings}; mutable, not thread-safe. */
    public static final class Builder {
        private List<String> locations = List.of();
        private int lockRetryCount = 50;
        private boolean validateOnMigrate = true;
        private boolean outOfOrder = true;
        private boolean baselineOnMigrate;
        private String baselineVersion = "1";
        private boolean mixed;
        private int connectRetries;
        private final Map<String, String> placeholders = new LinkedHashMap<>();

        private Builder() {}

        /**
         * Sets where the scripts are, replacing the default {@value FlywaySettings#DEFAULT_LOCATION};
         * {@code {app}} in a location stands for the app name.
         */
        public Builder locations(String... locations) {
            this.locations = List.of(locations);
            return this;
        }

        /** Sets how often to retry the lock held by another run (negative: forever; default 50). */
        public Builder lockRetryCount(int count) {
            this.lockRetryCount = count;
            return this;
        }

        /** Sets whether to validate before migrating (default on). */
        public Builder validateOnMigrate(boolean validate) {
            this.validateOnMigrate = validate;
            return this;
        }

        /** Sets whether scripts older than the newest applied one are applied (default on). */
        public Builder outOfOrder(boolean outOfOrder) {
            this.outOfOrder = outOfOrder;
            return this;
        }

        /** Sets whether a schema with tables but no history is baselined (default off). */
        public Builder baselineOnMigrate(boolean baseline) {
            this.baselineOnMigrate = baseline;
            return this;
        }

        /** Sets the version a baseline records (default {@code 1}). */
        public Builder baselineVersion(String version) {
            this.baselineVersion = version;
            return this;
        }

        /** Sets whether one script may mix transactional and non-transactional statements (default off). */
        public Builder mixed(boolean mixed) {
            this.mixed = mixed;
            return this;
        }

        /** Sets how often to retry connecting (default 0). */
        public Builder connectRetries(int retries) {
            this.connectRetries = retries;
            return this;
        }

        /** Adds a placeholder {@code ${name}}. */
        public Builder placeholder(String name, String value) {
            placeholders.put(name, value);
            return this;
        }

        /**
         * Returns the settings.
         *
         * @throws RoutingException with {@link ErrorCode#INVALID_CONFIGURATION} when a value is invalid
         */
        public FlywaySettings build() {
            return new FlywaySettings(
                    locations,
                    lockRetryCount,
                    validateOnMigrate,
                    outOfOrder,
                    baselineOnMigrate,
                    baselineVersion,
                    mixed,
                    connectRetries,
                    placeholders);
        }
    }
}
