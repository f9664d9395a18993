package dev.approuting.cli.internal;

import dev.approuting.core.CredentialsSource;
import dev.approuting.core.DbCredentials;
import dev.approuting.core.DbName;
import dev.approuting.core.ErrorCode;
import dev.approuting.core.RoutingException;
import dev.approuting.deploy.DeployCheck;
import dev.approuting.deploy.DeployCheckReport;
import dev.approuting.flyway.provision.DatabaseProvisioner;
import dev.approuting.flyway.provision.InitDbResult;
import dev.approuting.flyway.provision.InitDbResult.Outcome;
import dev.approuting.flyway.spi.SecretStore;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * {@link SecretStore} through the fabric8 Kubernetes client, an optional dependency: only
 * {@link ClusterApply} and {@link ClusterSecrets} load this class, as the secret store of init-db
 * --apply-to-cluster and deploy-check --cluster.
 */
public final class KubernetesSecrets implements SecretStore {
    /** The label every secret provisioning writes carries, with value {@value #MANAGED_BY}. */
    public static final String MANAGED_BY_LABEL = "app.kubernetes.io/managed-by";

    /** The value of {@link #MANAGED_BY_LABEL}. */
    public static final String MANAGED_BY = "approuting";

    /** The label naming the logical database of a secret. */
    public static final String DATABASE_LABEL = "approuting.dev/database";

    private final KubernetesClient client;

    /** Reads and writes secrets through {@code client}, which the caller closes. */
    public KubernetesSecrets(KubernetesClient client) {
        this.client = client;
    }

    /**
     * Opens a client on the cluster of the default configuration: {@code KUBECONFIG} or
     * {@code ~/.kube/config} (its current context), else the service account when running in a pod.
     *
     * @param environment the process environment
     * @throws RoutingException with {@link ErrorCode#INVALID_CONFIGURATION} when none of them exists
     */
    public static KubernetesClient defaultClient(Map<String, String> environment) {
        boolean kubeconfig = environment.containsKey("KUBECONFIG")
                || Files.isRegularFile(Path.of(System.getProperty("user.home"), ".kube", "config"));
        boolean inCluster = environment.containsKey("KUBERNETES_SERVICE_HOST");
        boolean master =
                environment.containsKey("KUBERNETES_MASTER") || System.getProperty("kubernetes.master") != null;
        if (!kubeconfig && !inCluster && !master) {
            throw RoutingException.of(
                    ErrorCode.INVALID_CONFIGURATION,
                    "found no Kubernetes cluster: no KUBECONFIG, no ~/.kube/config and not running in a pod;"
                            + " configure kubectl's context (kubectl config use-context NAME), or use files: for"
                            + " init-db --manifests-dir instead of --apply-to-cluster, for deploy-check --secrets-dir"
                            + " instead of --cluster");
        }
        return new KubernetesClientBuilder().build();
    }

    /**
     * Runs {@code provisioner.initDb} with the secrets applied to the cluster of a client from
     * {@code clients}, closed after the run.
     */
    static InitDbResult initDb(
            DatabaseProvisioner.Builder provisioner,
            DbName db,
            List<String> namespaces,
            Supplier<KubernetesClient> clients) {
        try (KubernetesClient client = clients.get()) {
            return provisioner.secretStore(new KubernetesSecrets(client)).load().initDb(db, namespaces);
        }
    }

    /**
     * Runs {@code provisioner.initDb} with the secrets applied to the cluster of the default
     * configuration ({@link #defaultClient}), closed after the run.
     */
    static InitDbResult initDbOnDefaultCluster(
            DatabaseProvisioner.Builder provisioner,
            DbName db,
            List<String> namespaces,
            Map<String, String> environment) {
        return initDb(provisioner, db, namespaces, () -> defaultClient(environment));
    }

    /**
     * Runs {@code check} with the secrets of the cluster of a client from {@code clients} as its secret
     * store; the client is closed after the run.
     */
    static DeployCheckReport deployCheck(DeployCheck.Builder check, Supplier<KubernetesClient> clients) {
        try (KubernetesClient client = clients.get()) {
            return check.secretStore(new KubernetesSecrets(client)).load().check();
        }
    }

    /** Like {@link #deployCheck}, on the cluster of the default configuration ({@link #defaultClient}). */
    static DeployCheckReport deployCheckOnDefaultCluster(DeployCheck.Builder check, Map<String, String> environment) {
        return deployCheck(check, () -> defaultClient(environment));
    }

    @Override
    public Optional<DbCredentials> read(DbName db, String namespace) {
        String name = CredentialsSource.secretName(namespace, db);
        Secret secret = get(db, namespace, name);
        if (secret == null) {
            return Optional.empty();
        }
        // A secret without the key (made by hand, holding other keys) holds no credentials yet.
        String json = content(secret);
        if (json == null) {
            return Optional.empty();
        }
        return Optional.of(DbCredentials.fromSecretJson(db, "secret " + namespace + "/" + name, json));
    }

    @Override
    public Outcome apply(DbName db, String namespace, DbCredentials credentials) {
        String name = CredentialsSource.secretName(namespace, db);
        String json = credentials.toSecretJson() + "\n";
        Secret existing = get(db, namespace, name);
        String encoded = Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8));
        Map<String, String> wanted = Map.of(MANAGED_BY_LABEL, MANAGED_BY, DATABASE_LABEL, db.value());
        if (existing == null) {
            Secret secret = new SecretBuilder()
                    .withNewMetadata()
                    .withName(name)
                    .withNamespace(namespace)
                    .addToLabels(wanted)
                    .endMetadata()
                    .withType("Opaque")
                    .addToData(CredentialsSource.SECRET_KEY, encoded)
                    .build();
            return save(db, secret, Outcome.CREATED);
        }
        Map<String, String> labels = existing.getMetadata().getLabels();
        if (json.equals(content(existing))
                && labels != null
                && labels.entrySet().containsAll(wanted.entrySet())) {
            return Outcome.PRESENT;
        }
        // Keeps the secret's other keys, labels and annotations; the resourceVersion makes a concurrent
        // change fail instead of being overwritten.
        Secret secret = new SecretBuilder(existing)
                .editMetadata()
                .addToLabels(wanted)
                .endMetadata()
                .removeFromStringData(CredentialsSource.SECRET_KEY)
                .addToData(CredentialsSource.SECRET_KEY, encoded)
                .build();
        return save(db, secret, Outcome.CHANGED);
    }

    /** Creates {@code secret} ({@code CREATED}) or replaces the version it was read at ({@code CHANGED}). */
    private Outcome save(DbName db, Secret secret, Outcome outcome) {
        String namespace = secret.getMetadata().getNamespace();
        String name = secret.getMetadata().getName();
        call(db, namespace, name, () -> {
            var resource = client.secrets().inNamespace(namespace).resource(secret);
            return outcome == Outcome.CREATED ? resource.create() : resource.update();
        });
        return outcome;
    }

    @Override
    public String describe() {
        return "the cluster at " + client.getMasterUrl();
    }

    private @Nullable Secret get(DbName db, String namespace, String name) {
        return call(
                db,
                namespace,
                name,
                () -> client.secrets().inNamespace(namespace).withName(name).get());
    }

    private static @Nullable String content(Secret secret) {
        Map<String, String> stringData = secret.getStringData();
        if (stringData != null && stringData.get(CredentialsSource.SECRET_KEY) != null) {
            return stringData.get(CredentialsSource.SECRET_KEY);
        }
        Map<String, String> data = secret.getData();
        String encoded = data == null ? null : data.get(CredentialsSource.SECRET_KEY);
        return encoded == null ? null : new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
    }

    private static String reason(KubernetesClientException e) {
        if (e.getStatus() != null && e.getStatus().getMessage() != null) {
            return "HTTP " + e.getCode() + ": " + e.getStatus().getMessage();
        }
        Throwable cause = Objects.requireNonNullElse(e.getCause(), e);
        return cause.getClass().getSimpleName() + ": " + cause.getMessage();
    }

    private interface Call<T> {
        @Nullable
        T run();
    }

    private <T> @Nullable T call(DbName db, String namespace, String name, Call<T> call) {
        try {
            return call.run();
        } catch (KubernetesClientException e) {
            throw RoutingException.forDatabase(
                    ErrorCode.PROVISIONING_FAILED,
                    db,
                    "cannot read or write secret " + namespace + "/" + name + " in " + describe() + " ("
                            + reason(e)
                            + "): check that the cluster is reachable, the namespace exists and your account may"
                            + " get, create and update secrets there",
                    e);
        }
    }
}
