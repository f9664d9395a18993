package dev.approuting.deploy;

import dev.approuting.core.CredentialsSource;
import dev.approuting.core.DbRouterRegistry;
import dev.approuting.core.Environment;
import dev.approuting.core.ErrorCode;
import dev.approuting.core.RoutingException;
import dev.approuting.core.ServiceName;
import dev.approuting.deploy.internal.AccessProbe;
import dev.approuting.deploy.internal.Declared;
import dev.approuting.flyway.MigrationConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Checks, from a service's pod and with the service's own secrets, that the service can use exactly the
 * databases it declares: each declared database's secret is there, its login role logs in and may
 * {@code SET ROLE} to the owner role, each app's schema exists, and every migration the service's class
 * path holds for the app is applied; and for every database it does not declare, no secret is at hand
 * and none of its logins can connect. Run it after a deploy, as an init container or a readiness gate.
 * Immutable and thread-safe; it changes nothing.
 *
 * <pre>{@code
 * AccessReport report = AccessCheck.configure(CompanyRegistry.REGISTRY, "buildsense/api")
 *         .credentials(CredentialsSource.mountedSecrets(Path.of("/var/run/secrets/db"), "prod"))
 *         .load()
 *         .check();
 * }</pre>
 */
public final class AccessCheck {
    /** How long each connection may take to open and each query to answer, unless {@link Builder#timeout} says otherwise. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

    private final DbRouterRegistry registry;
    private final ServiceName service;
    private final CredentialsSource credentials;
    private final Environment environment;
    private final MigrationConfig config;
    private final Duration timeout;

    private AccessCheck(Builder builder, ServiceName service, CredentialsSource credentials) {
        this.registry = builder.registry;
        this.service = service;
        this.credentials = credentials;
        this.environment = builder.environment;
        this.config = builder.config;
        this.timeout = builder.timeout;
    }

    /**
     * Starts the configuration of the check of {@code service} (a declared service, or the admin service,
     * which is checked against every database of its admin view).
     */
    public static Builder configure(DbRouterRegistry registry, String service) {
        return new Builder(registry, service);
    }

    /** Returns the service checked. */
    public ServiceName service() {
        return service;
    }

    /**
     * Runs every check. Never throws for a failed check: see {@link AccessReport#ok()} and
     * {@link AccessReport#orThrow()}.
     */
    public AccessReport check() {
        return new AccessProbe(registry, service, credentials, environment, config, timeout).run();
    }

    /** Configures an {@link AccessCheck}; mutable, not thread-safe. */
    public static final class Builder {
        private final DbRouterRegistry registry;
        private final String service;
        private @Nullable CredentialsSource credentials;
        private Environment environment = Environment.PRODUCTION;
        private MigrationConfig config = MigrationConfig.defaults();
        private Duration timeout = DEFAULT_TIMEOUT;

        private Builder(DbRouterRegistry registry, String service) {
            this.registry = registry;
            this.service = service;
        }

        /** Sets where the service's secrets are, as the service itself reads them; required. */
        public Builder credentials(CredentialsSource credentials) {
            this.credentials = credentials;
            return this;
        }

        /** Sets the environment (default production, where dev-only databases are not deployed). */
        public Builder environment(Environment environment) {
            this.environment = environment;
            return this;
        }

        /**
         * Sets the Flyway settings whose scripts stand for what the service's jar contains (default
         * {@link MigrationConfig#defaults()}: {@code db/migration/{app}} on the class path).
         */
        public Builder config(MigrationConfig config) {
            this.config = config;
            return this;
        }

        /** Sets how long each connection may take to open and each query to answer (default 5 s). */
        public Builder timeout(Duration timeout) {
            this.timeout = timeout;
            return this;
        }

        /**
         * Checks the settings and returns the check.
         *
         * @throws RoutingException with {@link ErrorCode#INVALID_CONFIGURATION} listing every problem (no
         *     credentials, a timeout under a second), or {@link ErrorCode#INVALID_ROUTING} for a service the
         *     registry does not know (with the closest name)
         */
        public AccessCheck load() {
            ServiceName name = Declared.require(registry, service);
            List<RoutingException> problems = new ArrayList<>();
            CredentialsSource source = credentials;
            if (source == null) {
                problems.add(RoutingException.forService(
                        ErrorCode.INVALID_CONFIGURATION,
                        name,
                        "no credentials for service '" + name + "': give credentials(source), the secrets the"
                                + " service reads, such as CredentialsSource.mountedSecrets(dir, namespace)"));
            }
            if (timeout.compareTo(Duration.ofSeconds(1)) < 0) {
                problems.add(RoutingException.of(
                        ErrorCode.INVALID_CONFIGURATION,
                        "the timeout " + timeout + " is under a second: give timeout(duration) 1 s or more"));
            }
            if (!problems.isEmpty() || source == null) {
                throw RoutingException.allOf(
                        ErrorCode.INVALID_CONFIGURATION, "access check settings problems", problems);
            }
            return new AccessCheck(this, name, source);
        }
    }
}
