package dev.approuting.spring.boot;

import dev.approuting.core.PoolSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The {@code approuting.*} properties of a Spring Boot service; the routing itself comes from the
 * registry bean.
 *
 * <pre>{@code
 * approuting.service=buildsense/api
 * approuting.credentials.secrets-dir=/var/run/secrets/db
 * approuting.credentials.namespace=prod
 * approuting.databases.users.essential=false
 * approuting.databases.users.pool.maximum-pool-size=4
 * }</pre>
 */
@ConfigurationProperties("approuting")
public final class RoutingProperties {
    /** Whether the starter configures anything at all. */
    private boolean enabled = true;

    /** The service, as the registry declares it; defaults to spring.application.name. */
    private @Nullable String service;

    /** Whether dsl(app) contexts stop queries on tables of apps routed to another database. */
    private boolean crossAppGuard = true;

    /** How often open pools re-read their secrets to pick up a rotation; 0 turns it off. */
    private Duration credentialsCheckInterval = Duration.ofSeconds(30);

    /**
     * Whether the service migrates its own (database, app) histories when it starts. For development:
     * production runs migrate-all from the admin service.
     */
    private boolean migrateOnStart = false;

    private final Credentials credentials = new Credentials();
    private final Pool pool = new Pool();
    private final Health health = new Health();
    private final Metrics metrics = new Metrics();
    private final Map<String, Database> databases = new LinkedHashMap<>();

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public @Nullable String getService() {
        return service;
    }

    public void setService(@Nullable String service) {
        this.service = service;
    }

    public boolean isCrossAppGuard() {
        return crossAppGuard;
    }

    public void setCrossAppGuard(boolean crossAppGuard) {
        this.crossAppGuard = crossAppGuard;
    }

    public Duration getCredentialsCheckInterval() {
        return credentialsCheckInterval;
    }

    public void setCredentialsCheckInterval(Duration credentialsCheckInterval) {
        this.credentialsCheckInterval = credentialsCheckInterval;
    }

    public boolean isMigrateOnStart() {
        return migrateOnStart;
    }

    public void setMigrateOnStart(boolean migrateOnStart) {
        this.migrateOnStart = migrateOnStart;
    }

    public Credentials getCredentials() {
        return credentials;
    }

    public Pool getPool() {
        return pool;
    }

    public Health getHealth() {
        return health;
    }

    public Metrics getMetrics() {
        return metrics;
    }

    /** Settings per logical database, by its name. */
    public Map<String, Database> getDatabases() {
        return databases;
    }

    /**
     * Where the secret of each database is found, as {@code CredentialsSource} reads it: first the mounted
     * secrets directory (when set), then the environment (when on).
     */
    public static final class Credentials {
        /** The directory Kubernetes mounts the secrets in ({namespace}-db-{db}-creds each). */
        private @Nullable Path secretsDir;

        /** The namespace in the secrets' names (prod, staging, dev...). */
        private @Nullable String namespace;

        /** Whether the environment variables {NAMESPACE}_DB_{DB}_CREDS are read too. */
        private boolean environment = true;

        public @Nullable Path getSecretsDir() {
            return secretsDir;
        }

        public void setSecretsDir(@Nullable Path secretsDir) {
            this.secretsDir = secretsDir;
        }

        public @Nullable String getNamespace() {
            return namespace;
        }

        public void setNamespace(@Nullable String namespace) {
            this.namespace = namespace;
        }

        public boolean isEnvironment() {
            return environment;
        }

        public void setEnvironment(boolean environment) {
            this.environment = environment;
        }
    }

    /** Settings of a database's HikariCP pool; unset values keep approuting's defaults. */
    public static final class Pool {
        /** Most connections the pool opens (default 10). */
        private @Nullable Integer maximumPoolSize;

        /** Idle connections kept open (default 0: the pool stays lazy). */
        private @Nullable Integer minimumIdle;

        /** How long a caller waits for a connection (default 5s). */
        private @Nullable Duration connectionTimeout;

        /** The longest a connection lives (default 30m). */
        private @Nullable Duration maxLifetime;

        /** How long an idle connection beyond minimum-idle is kept (default 10m). */
        private @Nullable Duration idleTimeout;

        /** How long a connection test may take (default 2s). */
        private @Nullable Duration validationTimeout;

        public @Nullable Integer getMaximumPoolSize() {
            return maximumPoolSize;
        }

        public void setMaximumPoolSize(@Nullable Integer maximumPoolSize) {
            this.maximumPoolSize = maximumPoolSize;
        }

        public @Nullable Integer getMinimumIdle() {
            return minimumIdle;
        }

        public void setMinimumIdle(@Nullable Integer minimumIdle) {
            this.minimumIdle = minimumIdle;
        }

        public @Nullable Duration getConnectionTimeout() {
            return connectionTimeout;
        }

        public void setConnectionTimeout(@Nullable Duration connectionTimeout) {
            this.connectionTimeout = connectionTimeout;
        }

        public @Nullable Duration getMaxLifetime() {
            return maxLifetime;
        }

        public void setMaxLifetime(@Nullable Duration maxLifetime) {
            this.maxLifetime = maxLifetime;
        }

        public @Nullable Duration getIdleTimeout() {
            return idleTimeout;
        }

        public void setIdleTimeout(@Nullable Duration idleTimeout) {
            this.idleTimeout = idleTimeout;
        }

        public @Nullable Duration getValidationTimeout() {
            return validationTimeout;
        }

        public void setValidationTimeout(@Nullable Duration validationTimeout) {
            this.validationTimeout = validationTimeout;
        }

        /** Returns {@code base} with the values set here. */
        public PoolSettings applyTo(PoolSettings base) {
            PoolSettings settings = base;
            if (maximumPoolSize != null) {
                settings = settings.withMaximumPoolSize(maximumPoolSize);
            }
            if (minimumIdle != null) {
                settings = settings.withMinimumIdle(minimumIdle);
            }
            if (connectionTimeout != null) {
                settings = settings.withConnectionTimeout(connectionTimeout);
            }
            if (maxLifetime != null) {
                settings = settings.withMaxLifetime(maxLifetime);
            }
            if (idleTimeout != null) {
                settings = settings.withIdleTimeout(idleTimeout);
            }
            if (validationTimeout != null) {
                settings = settings.withValidationTimeout(validationTimeout);
            }
            return settings;
        }
    }

    /** Settings of one logical database. */
    public static final class Database {
        /**
         * Whether the service is DOWN when this database is. A non-essential database that is down shows
         * as DEGRADED under the approuting health component and leaves the service UP.
         */
        private boolean essential = true;

        private final Pool pool = new Pool();

        public boolean isEssential() {
            return essential;
        }

        public void setEssential(boolean essential) {
            this.essential = essential;
        }

        public Pool getPool() {
            return pool;
        }
    }

    /** Health of the routed databases. */
    public static final class Health {
        /**
         * Whether a database with pending migrations of the service's apps is OUT_OF_SERVICE (include the
         * approuting component in the readiness group to hold traffic until migrate-all ran).
         */
        private boolean requireMigrations = false;

        public boolean isRequireMigrations() {
            return requireMigrations;
        }

        public void setRequireMigrations(boolean requireMigrations) {
            this.requireMigrations = requireMigrations;
        }
    }

    /** Micrometer meters of the routed databases (when a MeterRegistry bean exists). */
    public static final class Metrics {
        /** Whether queries of dsl(app) contexts are timed (approuting.query, tagged app and db). */
        private boolean queryTiming = true;

        public boolean isQueryTiming() {
            return queryTiming;
        }

        public void setQueryTiming(boolean queryTiming) {
            this.queryTiming = queryTiming;
        }
    }
}
