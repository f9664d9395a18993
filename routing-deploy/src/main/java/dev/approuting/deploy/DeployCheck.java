package dev.approuting.deploy;

import dev.approuting.core.DbRouterRegistry;
import dev.approuting.core.Environment;
import dev.approuting.core.ErrorCode;
import dev.approuting.core.RoutingException;
import dev.approuting.deploy.internal.DeployChecker;
import dev.approuting.deploy.internal.Globs;
import dev.approuting.deploy.internal.Render;
import dev.approuting.deploy.internal.SecretLookup;
import dev.approuting.flyway.spi.SecretStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Checks deployment files (Helm values files and Kubernetes manifests) against the registry, for CI: each
 * service's database list and secret mounts must match the databases the registry declares for it,
 * secrets must be mounted as whole volumes (a {@code subPath} mount or an environment variable never
 * changes after a rotation, kubernetes/kubernetes#50345), and, when a secrets directory or a
 * {@link SecretStore} is given, every deployed database's secret must exist in the deployment's namespace.
 * Immutable and thread-safe; it never writes.
 *
 * <pre>{@code
 * DeployCheckReport report = DeployCheck.configure(CompanyRegistry.REGISTRY)
 *         .files("deploy/values/*.yaml", "deploy/manifests/*.yaml")
 *         .secretsDir(Path.of("secrets"))
 *         .load()
 *         .check();
 * report.findings().forEach(f -> System.out.println(f.describe()));
 * }</pre>
 *
 * <p>A Helm values document names its service as {@code approuting.service}, its namespace as
 * {@code approuting.namespace} and its databases as {@code dbs}; a Kubernetes workload names them in the
 * annotations {@code approuting.dev/service} and {@code approuting.dev/databases} and in
 * {@code metadata.namespace}. {@link DeploymentConfig} writes both. Documents that concern no service
 * (other kinds, values without database secrets) are skipped.
 */
public final class DeployCheck {
    private final DbRouterRegistry registry;
    private final Environment environment;
    private final @Nullable String namespace;
    private final List<Path> files;
    private final @Nullable SecretLookup secrets;

    private DeployCheck(Builder builder, List<Path> files, @Nullable SecretLookup secrets) {
        this.registry = builder.registry;
        this.environment = builder.environment;
        this.namespace = builder.namespace;
        this.files = List.copyOf(files);
        this.secrets = secrets;
    }

    /** Starts the configuration of a check against {@code registry}. */
    public static Builder configure(DbRouterRegistry registry) {
        return new Builder(registry);
    }

    /** Returns the files the check reads: the paths given and the files the globs matched, in that order. */
    public List<Path> files() {
        return files;
    }

    /**
     * Reads every file and checks each deployment in it. Bad content (malformed YAML, an unknown service or
     * database) is a finding, with its file and line; the check goes on with the other files.
     *
     * @throws RoutingException as the {@link SecretStore} does when it cannot be read (such as an
     *     unreachable cluster)
     */
    public DeployCheckReport check() {
        return new DeployChecker(registry, environment, namespace, secrets).check(files);
    }

    /** Configures a {@link DeployCheck}; mutable, not thread-safe. */
    public static final class Builder {
        private final DbRouterRegistry registry;
        private final List<String> patterns = new ArrayList<>();
        private Path baseDirectory = Path.of("");
        private Environment environment = Environment.PRODUCTION;
        private @Nullable String namespace;
        private @Nullable Path secretsDir;
        private @Nullable SecretStore secretStore;

        private Builder(DbRouterRegistry registry) {
            this.registry = registry;
        }

        /**
         * Adds files to check: paths, or globs such as {@code deploy/**}{@code /*.yaml} ({@code **} crosses
         * directories, and {@code **}{@code /} also matches no directory at all), relative to the base directory.
         */
        public Builder files(String... pathsOrGlobs) {
            patterns.addAll(Arrays.asList(pathsOrGlobs));
            return this;
        }

        /** Like {@link #files(String...)}. */
        public Builder files(List<String> pathsOrGlobs) {
            patterns.addAll(pathsOrGlobs);
            return this;
        }

        /** Sets the directory relative paths and globs start from (default: the working directory). */
        public Builder baseDirectory(Path dir) {
            this.baseDirectory = dir;
            return this;
        }

        /**
         * Sets the environment the files deploy to (default production: a dev-only database listed there is
         * a finding, and the admin service is deployed without them).
         */
        public Builder environment(Environment environment) {
            this.environment = environment;
            return this;
        }

        /** Sets the namespace of deployments whose file does not name one. */
        public Builder namespace(String namespace) {
            this.namespace = namespace;
            return this;
        }

        /**
         * Checks that every deployed database's secret exists in the deployment's namespace, in a directory
         * laid out as {@code CredentialsSource.mountedSecrets} reads it ({@code {dir}/{namespace}-db-{db}-creds}),
         * such as the one init-db writes.
         */
        public Builder secretsDir(Path dir) {
            this.secretsDir = dir;
            return this;
        }

        /** Like {@link #secretsDir(Path)}, against a secret store such as a Kubernetes cluster. */
        public Builder secretStore(SecretStore store) {
            this.secretStore = store;
            return this;
        }

        /**
         * Resolves the files and checks the settings.
         *
         * @throws RoutingException with {@link ErrorCode#INVALID_CONFIGURATION} listing every problem: no
         *     files given, a path that is no file, a glob that matches nothing, a namespace Kubernetes
         *     refuses, both a secrets directory and a secret store
         */
        public DeployCheck load() {
            List<RoutingException> problems = new ArrayList<>();
            if (patterns.isEmpty()) {
                problems.add(RoutingException.of(
                        ErrorCode.INVALID_CONFIGURATION,
                        "no deployment files: give files(pathsOrGlobs), such as deploy/**/*.yaml"));
            }
            List<Path> files = Globs.resolve(baseDirectory, patterns, problems);
            String ns = namespace;
            if (ns != null) {
                Render.checkNamespace(ns).ifPresent(problems::add);
            }
            Path dir = secretsDir;
            SecretStore store = secretStore;
            if (dir != null && store != null) {
                problems.add(RoutingException.of(
                        ErrorCode.INVALID_CONFIGURATION,
                        "both secretsDir(dir) and secretStore(store) are given: check the secrets in one place"));
            }
            if (!problems.isEmpty()) {
                throw RoutingException.allOf(
                        ErrorCode.INVALID_CONFIGURATION, "problems with the deploy check", problems);
            }
            SecretLookup lookup = null;
            if (dir != null) {
                lookup = SecretLookup.directory(dir);
            } else if (store != null) {
                lookup = SecretLookup.store(store);
            }
            return new DeployCheck(this, files, lookup);
        }
    }
}
