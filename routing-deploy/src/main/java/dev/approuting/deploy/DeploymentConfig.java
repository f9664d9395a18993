package dev.approuting.deploy;

import dev.approuting.core.CredentialsSource;
import dev.approuting.core.DbName;
import dev.approuting.core.DbRouterRegistry;
import dev.approuting.core.Environment;
import dev.approuting.core.ErrorCode;
import dev.approuting.core.RoutingException;
import dev.approuting.core.ServiceName;
import dev.approuting.deploy.internal.Declared;
import dev.approuting.deploy.internal.Render;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Derives each service's deployment from the registry: the databases it declares and the secret volume
 * of each, in the namespace it runs in, so the deployment files never drift from the registry. Immutable
 * and thread-safe.
 *
 * <pre>{@code
 * DeploymentConfig prod = DeploymentConfig.configure(CompanyRegistry.REGISTRY).namespace("prod").load();
 * String values = prod.service("buildsense/api").helmValues();
 * }</pre>
 *
 * <p>The admin service is deployed with every database of its admin view; {@link #migrateJob(String)}
 * renders the Job that runs {@code migrate-all} in its namespace.
 */
public final class DeploymentConfig {
    /** The directory secrets are mounted under unless {@link Builder#secretsDir(String)} says otherwise. */
    public static final String DEFAULT_SECRETS_DIR = "/var/run/secrets/db";

    private final DbRouterRegistry registry;
    private final String namespace;
    private final Environment environment;
    private final String secretsDir;

    private DeploymentConfig(DbRouterRegistry registry, String namespace, Environment environment, String secretsDir) {
        this.registry = registry;
        this.namespace = namespace;
        this.environment = environment;
        this.secretsDir = secretsDir;
    }

    /** Starts the configuration of deployments from {@code registry}. */
    public static Builder configure(DbRouterRegistry registry) {
        return new Builder(registry);
    }

    /**
     * Returns the deployment of {@code service}, a declared service or the admin service.
     *
     * @throws RoutingException with {@link ErrorCode#INVALID_ROUTING} when the registry does not know the
     *     service (with the closest name), or {@link ErrorCode#INVALID_NAME} when it is no service name
     */
    public ServiceDeployment service(String service) {
        return service(Declared.require(registry, service));
    }

    /**
     * Like {@link #service(String)}, for a service name already checked.
     *
     * @throws RoutingException with {@link ErrorCode#INVALID_ROUTING} when the registry does not know the service
     */
    public ServiceDeployment service(ServiceName service) {
        Declared.require(registry, service.value());
        List<SecretMount> mounts = new ArrayList<>();
        for (DbName db : Declared.databases(registry, service, environment).keySet()) {
            String secret = CredentialsSource.secretName(namespace, db);
            mounts.add(new SecretMount(db, secret, Render.volumeName(db), secretsDir + "/" + secret));
        }
        return new ServiceDeployment(service, namespace, environment, secretsDir, mounts);
    }

    /** Returns the deployment of the admin service: every database of its admin view. */
    public ServiceDeployment adminService() {
        return service(registry.adminService());
    }

    /** Returns the deployment of every declared service (sorted by name), then of the admin service. */
    public List<ServiceDeployment> services() {
        return Declared.services(registry).stream().map(this::service).toList();
    }

    /**
     * Returns the migrate-all Job of the admin service running {@code image}, with the defaults of
     * {@link MigrateJob}: a 30-minute deadline, 500m CPU, 512Mi of memory.
     *
     * @throws RoutingException with {@link ErrorCode#INVALID_CONFIGURATION} for a blank image
     */
    public MigrateJob migrateJob(String image) {
        return new MigrateJob(
                adminService(),
                image,
                List.of(),
                MigrateJob.DEFAULT_DEADLINE,
                MigrateJob.DEFAULT_CPU,
                MigrateJob.DEFAULT_MEMORY,
                MigrateJob.DEFAULT_BACKOFF_LIMIT);
    }

    /** Configures a {@link DeploymentConfig}; mutable, not thread-safe. */
    public static final class Builder {
        private final DbRouterRegistry registry;
        private @Nullable String namespace;
        private Environment environment = Environment.PRODUCTION;
        private String secretsDir = DEFAULT_SECRETS_DIR;

        private Builder(DbRouterRegistry registry) {
            this.registry = registry;
        }

        /** Sets the Kubernetes namespace the services run in, which names their secrets; required. */
        public Builder namespace(String namespace) {
            this.namespace = namespace;
            return this;
        }

        /** Sets the environment (default production, which leaves dev-only databases out). */
        public Builder environment(Environment environment) {
            this.environment = environment;
            return this;
        }

        /**
         * Sets the absolute directory the secrets are mounted under (default {@value #DEFAULT_SECRETS_DIR}):
         * the directory the services give {@code CredentialsSource.mountedSecrets(dir, namespace)}.
         */
        public Builder secretsDir(String dir) {
            this.secretsDir = dir;
            return this;
        }

        /**
         * Checks the settings and returns the configuration.
         *
         * @throws RoutingException with {@link ErrorCode#INVALID_CONFIGURATION} listing every problem: no
         *     namespace, a namespace Kubernetes refuses, a secrets directory that is not absolute
         */
        public DeploymentConfig load() {
            List<RoutingException> problems = new ArrayList<>();
            String ns = namespace;
            if (ns == null || ns.isBlank()) {
                problems.add(RoutingException.of(
                        ErrorCode.INVALID_CONFIGURATION,
                        "no namespace: give namespace(ns), the Kubernetes namespace the services run in (it names"
                                + " their secrets {namespace}-db-{db}-creds)"));
            } else {
                Render.checkNamespace(ns).ifPresent(problems::add);
            }
            if (!secretsDir.startsWith("/") || secretsDir.length() < 2 || secretsDir.endsWith("/")) {
                problems.add(RoutingException.of(
                        ErrorCode.INVALID_CONFIGURATION,
                        "the secrets directory " + dev.approuting.core.support.Text.quote(secretsDir)
                                + " is not an absolute path without a trailing '/': give secretsDir(dir) such as "
                                + DEFAULT_SECRETS_DIR));
            }
            if (!problems.isEmpty() || ns == null) {
                throw RoutingException.allOf(ErrorCode.INVALID_CONFIGURATION, "deployment settings problems", problems);
            }
            return new DeploymentConfig(registry, ns, environment, secretsDir);
        }
    }
}
