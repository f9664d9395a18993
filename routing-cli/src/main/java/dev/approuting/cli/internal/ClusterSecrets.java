package dev.approuting.cli.internal;

import dev.approuting.core.ErrorCode;
import dev.approuting.core.RoutingException;
import dev.approuting.deploy.DeployCheck;
import dev.approuting.deploy.DeployCheckReport;
import java.util.Map;

/**
 * Runs deploy-check with the secrets read from a Kubernetes cluster ({@code --cluster}). Like
 * {@link ClusterApply}, it names no type of the optional Kubernetes client: {@link KubernetesSecrets}
 * is loaded only after {@link ClusterApply#requireClient} found the client.
 */
@FunctionalInterface
public interface ClusterSecrets {
    /**
     * Checks the files of {@code check} with the cluster's secrets as its secret store.
     *
     * @throws RoutingException as {@link DeployCheck#check()} does, or with
     *     {@link ErrorCode#INVALID_CONFIGURATION} when no cluster can be reached that way
     */
    DeployCheckReport check(DeployCheck.Builder check);

    /**
     * Returns the cluster of the default configuration ({@link KubernetesSecrets#defaultClient}), opened
     * for each run and closed after it.
     *
     * @param environment the process environment
     */
    static ClusterSecrets defaultCluster(Map<String, String> environment) {
        Map<String, String> copy = Map.copyOf(environment);
        return check -> {
            ClusterApply.requireClient(ClusterSecrets.class.getClassLoader(), "--cluster");
            return KubernetesSecrets.deployCheckOnDefaultCluster(check, copy);
        };
    }
}
