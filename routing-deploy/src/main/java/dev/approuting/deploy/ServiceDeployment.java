package dev.approuting.deploy;

import dev.approuting.core.DbName;
import dev.approuting.core.Environment;
import dev.approuting.core.ServiceName;
import dev.approuting.deploy.internal.Render;
import java.util.List;

/**
 * What one service needs from its deployment, derived from the registry: the logical databases it
 * declares (the admin service: every database of its admin view) and, for each, the secret volume it
 * mounts. Rendered as a Helm values fragment, a Kubernetes Deployment patch or JSON; made by
 * {@link DeploymentConfig#service(String)}.
 *
 * <pre>{@code
 * ServiceDeployment deployment = DeploymentConfig.configure(registry).namespace("prod").load()
 *         .service("buildsense/api");
 * Files.writeString(Path.of("chart/values-databases.yaml"), deployment.helmValues());
 * }</pre>
 *
 * @param service the service
 * @param namespace the Kubernetes namespace it runs in, which names its secrets
 * @param environment in production, dev-only databases are left out
 * @param secretsDir the directory the secrets are mounted under, such as {@code /var/run/secrets/db}
 * @param secrets one mount per database, in declaration order
 */
public record ServiceDeployment(
        ServiceName service, String namespace, Environment environment, String secretsDir, List<SecretMount> secrets) {
    /** Copies the list. */
    public ServiceDeployment {
        secrets = List.copyOf(secrets);
    }

    /** Returns the databases, in declaration order. */
    public List<DbName> dbs() {
        return secrets.stream().map(SecretMount::db).toList();
    }

    /**
     * Returns the Kubernetes name of the service's workload and container: its name with {@code /} and
     * {@code _} as {@code -}, such as {@code buildsense-api}.
     */
    public String workloadName() {
        return Render.kubernetesName(service.value());
    }

    /**
     * Returns a Helm values fragment: {@code approuting.service} and {@code approuting.namespace} (which
     * {@link DeployCheck} reads), the database list {@code dbs}, and the {@code volumes} and
     * {@code volumeMounts} of the secrets, for a chart that passes them to its pod.
     */
    public String helmValues() {
        return Render.helmValues(this);
    }

    /**
     * Returns a patch of a Kubernetes Deployment named {@link #workloadName()}: the annotations naming the
     * service and its databases, the secret volumes, and their mounts in the container of the same name;
     * for {@code kubectl patch --type strategic} or a kustomize patch.
     */
    public String deploymentPatch() {
        return Render.deploymentPatch(this);
    }

    /** Returns the same as JSON, for other tools: service, namespace, environment, secretsDir, dbs, secrets. */
    public String json() {
        return Render.json(this);
    }
}
