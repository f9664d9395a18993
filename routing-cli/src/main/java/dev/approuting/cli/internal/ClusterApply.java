package dev.approuting.cli.internal;

import dev.approuting.core.DbName;
import dev.approuting.core.ErrorCode;
import dev.approuting.core.RoutingException;
import dev.approuting.flyway.provision.DatabaseProvisioner;
import dev.approuting.flyway.provision.InitDbResult;
import java.util.List;
import java.util.Map;

/**
 * Runs init-db with the secrets applied to a Kubernetes cluster: the one door through which the
 * command line reaches the Kubernetes client. That client is an optional dependency, so nothing here
 * names its types; {@link KubernetesSecrets}, which does, is loaded only when a run applies secrets,
 * after {@link #defaultCluster} has checked that the client is on the class path.
 */
@FunctionalInterface
public interface ClusterApply {
    /** The class whose presence tells that the Kubernetes client is on the class path. */
    String CLIENT_CLASS = "io.fabric8.kubernetes.client.KubernetesClient";

    /**
     * Provisions {@code db} for {@code namespaces} with {@code provisioner}, applying the secrets to the
     * cluster and reading existing passwords back from it.
     *
     * @throws RoutingException as {@link DatabaseProvisioner#initDb(DbName, List)} does, or with
     *     {@link ErrorCode#INVALID_CONFIGURATION} when no cluster can be reached that way
     */
    InitDbResult initDb(DatabaseProvisioner.Builder provisioner, DbName db, List<String> namespaces);

    /**
     * Returns the cluster of the default configuration ({@link KubernetesSecrets#defaultClient}),
     * opened for each run and closed after it.
     *
     * @param environment the process environment
     */
    static ClusterApply defaultCluster(Map<String, String> environment) {
        Map<String, String> copy = Map.copyOf(environment);
        return (provisioner, db, namespaces) -> {
            requireClient(ClusterApply.class.getClassLoader(), "--apply-to-cluster");
            return KubernetesSecrets.initDbOnDefaultCluster(provisioner, db, namespaces, copy);
        };
    }

    /**
     * Throws {@link ErrorCode#INVALID_CONFIGURATION}, naming {@code option} and the artifacts to add, when
     * {@code loader} lacks the client.
     */
    static void requireClient(ClassLoader loader, String option) {
        try {
            Class.forName(CLIENT_CLASS, false, loader);
        } catch (ClassNotFoundException e) {
            throw RoutingException.of(
                    ErrorCode.INVALID_CONFIGURATION,
                    option + " needs the Kubernetes client, which is not on the class path: add"
                            + " io.fabric8:kubernetes-client and io.fabric8:kubernetes-httpclient-jdk (the"
                            + " dependencies routing-cli declares optional; routing.jar includes them)"
                            + (option.equals("--apply-to-cluster")
                                    ? ", or write the Secrets with --manifests-dir and apply them with kubectl"
                                    : ", or check against a secrets directory with --secrets-dir"),
                    e);
        }
    }
}
