package dev.approuting.deploy.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.approuting.core.CredentialsSource;
import dev.approuting.core.DbName;
import dev.approuting.core.RoutingException;
import dev.approuting.core.support.Hashing;
import dev.approuting.core.support.Json;
import dev.approuting.deploy.MigrateJob;
import dev.approuting.deploy.SecretMount;
import dev.approuting.deploy.ServiceDeployment;
import java.util.Optional;
import java.util.stream.Collectors;

/** Renders deployments as Helm values, Kubernetes manifests and JSON. */
public final class Render {
    private static final int MAX_NAME = 63;

    private Render() {}

    /**
     * Returns a Kubernetes name (a DNS label) for {@code value}: {@code /} and {@code _} as {@code -}, at
     * most 63 characters; a name that had to be cut ends in a hash of the whole value, so two values never
     * share one.
     */
    public static String kubernetesName(String value) {
        String name = value.replace('/', '-').replace('_', '-');
        if (name.length() <= MAX_NAME && !name.endsWith("-")) {
            return name;
        }
        String head = name.substring(0, Math.min(name.length(), MAX_NAME - 9)).replaceAll("-+$", "");
        return head + "-" + Hashing.sha256Hex(value).substring(0, 8);
    }

    /** Returns the name of the pod volume holding the secret of {@code db}: {@code db-{db}}. */
    public static String volumeName(DbName db) {
        return kubernetesName("db-" + db.value());
    }

    /** Returns why {@code namespace} is no Kubernetes namespace, if it is not one. */
    public static Optional<RoutingException> checkNamespace(String namespace) {
        try {
            CredentialsSource.secretName(namespace, DbName.of("db"));
            return Optional.empty();
        } catch (RoutingException e) {
            return Optional.of(e);
        }
    }

    /** See {@link ServiceDeployment#helmValues()}. */
    public static String helmValues(ServiceDeployment deployment) {
        YamlText yaml = new YamlText()
                .comment(deployment.service() + " in namespace " + deployment.namespace()
                        + ": its databases and their secrets, derived from the registry."
                        + "\nWhole-secret volumes (no subPath, no environment variables), so rotated passwords reach"
                        + " the pod.")
                .open(0, Workloads.VALUES_KEY)
                .put(1, "service", deployment.service().value())
                .put(1, "namespace", deployment.namespace())
                .put(1, "secretsDir", deployment.secretsDir());
        if (deployment.secrets().isEmpty()) {
            return yaml.putRaw(0, Workloads.DBS_KEY, "[]")
                    .putRaw(0, "volumes", "[]")
                    .putRaw(0, "volumeMounts", "[]")
                    .toString();
        }
        yaml.open(0, Workloads.DBS_KEY);
        deployment.dbs().forEach(db -> yaml.raw(1, "- " + YamlText.scalar(db.value())));
        volumes(yaml, 0, deployment);
        mounts(yaml, 0, deployment);
        return yaml.toString();
    }

    /** See {@link ServiceDeployment#deploymentPatch()}. */
    public static String deploymentPatch(ServiceDeployment deployment) {
        String name = deployment.workloadName();
        YamlText yaml = new YamlText()
                .comment(deployment.service() + " in namespace " + deployment.namespace()
                        + ": its Deployment's databases and their secret volumes, derived from the"
                        + "\nregistry. A patch: apply it with kubectl patch --type strategic, or as a kustomize patch.")
                .put(0, "apiVersion", "apps/v1")
                .put(0, "kind", "Deployment")
                .open(0, "metadata")
                .put(1, "name", name)
                .put(1, "namespace", deployment.namespace());
        annotations(yaml, 1, deployment);
        yaml.open(0, "spec").open(1, "template").open(2, "spec").open(3, "containers");
        yaml.raw(4, "- name: " + YamlText.scalar(name));
        if (deployment.secrets().isEmpty()) {
            yaml.putRaw(5, "volumeMounts", "[]").putRaw(3, "volumes", "[]");
            return yaml.toString();
        }
        mounts(yaml, 5, deployment);
        volumes(yaml, 3, deployment);
        return yaml.toString();
    }

    /** See {@link ServiceDeployment#json()}. */
    public static String json(ServiceDeployment deployment) {
        ObjectNode root = Json.object();
        root.put("service", deployment.service().value());
        root.put("namespace", deployment.namespace());
        root.put("environment", deployment.environment().name());
        root.put("secretsDir", deployment.secretsDir());
        Json.strings(
                root.putArray("dbs"),
                deployment.dbs().stream().map(DbName::value).toList());
        ArrayNode secrets = root.putArray("secrets");
        for (SecretMount mount : deployment.secrets()) {
            ObjectNode s = secrets.addObject();
            s.put("db", mount.db().value());
            s.put("secretName", mount.secretName());
            s.put("volumeName", mount.volumeName());
            s.put("mountPath", mount.mountPath());
        }
        return Json.write(root);
    }

    /** See {@link MigrateJob#yaml()}. */
    public static String migrateJob(MigrateJob job) {
        ServiceDeployment admin = job.admin();
        String retries = Integer.toString(job.backoffLimit());
        YamlText yaml = new YamlText()
                .comment("migrate-all of " + admin.service() + " in namespace " + admin.namespace()
                        + ": every database of its admin view, each secret mounted."
                        + "\nRun it after each deploy of migrations. Exit codes 1 and 2 fail the Job at once; other"
                        + " pod failures\nare retried up to " + retries + " times.")
                .put(0, "apiVersion", "batch/v1")
                .put(0, "kind", "Job")
                .open(0, "metadata")
                .put(1, "name", MigrateJob.NAME)
                .put(1, "namespace", admin.namespace());
        annotations(yaml, 1, admin);
        yaml.put(2, "helm.sh/hook", "post-install,post-upgrade")
                .put(2, "helm.sh/hook-delete-policy", "before-hook-creation")
                .open(0, "spec")
                .putRaw(
                        1,
                        "activeDeadlineSeconds",
                        Long.toString(Math.max(1, job.deadline().toSeconds())))
                .putRaw(1, "backoffLimit", Integer.toString(job.backoffLimit()))
                .putRaw(1, "ttlSecondsAfterFinished", "86400")
                .open(1, "podFailurePolicy")
                .open(2, "rules")
                .raw(3, "- action: FailJob")
                .open(4, "onExitCodes")
                .put(5, "containerName", MigrateJob.NAME)
                .put(5, "operator", "In")
                .putRaw(
                        5,
                        "values",
                        MigrateJob.FAILING_EXIT_CODES.stream()
                                .map(String::valueOf)
                                .collect(Collectors.joining(", ", "[", "]")))
                .raw(3, "- action: Ignore")
                .open(4, "onPodConditions")
                .raw(5, "- type: DisruptionTarget")
                .open(1, "template")
                .open(2, "metadata")
                .open(3, "annotations")
                .put(4, Workloads.SERVICE_ANNOTATION, admin.service().value())
                .open(2, "spec")
                .put(3, "restartPolicy", "Never")
                .open(3, "containers")
                .raw(4, "- name: " + MigrateJob.NAME)
                .put(5, "image", job.image());
        if (!job.command().isEmpty()) {
            yaml.putRaw(5, "command", YamlText.flow(job.command()));
        }
        yaml.putRaw(5, "args", YamlText.flow(job.args()))
                .open(5, "resources")
                .open(6, "requests")
                .put(7, "cpu", job.cpuRequest())
                .put(7, "memory", job.memory())
                .open(6, "limits")
                .put(7, "memory", job.memory());
        if (admin.secrets().isEmpty()) {
            return yaml.putRaw(5, "volumeMounts", "[]")
                    .putRaw(3, "volumes", "[]")
                    .toString();
        }
        mounts(yaml, 5, admin);
        volumes(yaml, 3, admin);
        return yaml.toString();
    }

    private static void annotations(YamlText yaml, int level, ServiceDeployment deployment) {
        yaml.open(level, "annotations")
                .put(
                        level + 1,
                        Workloads.SERVICE_ANNOTATION,
                        deployment.service().value())
                .put(
                        level + 1,
                        Workloads.DATABASES_ANNOTATION,
                        deployment.dbs().stream().map(DbName::value).collect(Collectors.joining(",")));
    }

    private static void volumes(YamlText yaml, int level, ServiceDeployment deployment) {
        yaml.open(level, "volumes");
        for (SecretMount mount : deployment.secrets()) {
            yaml.raw(level + 1, "- name: " + YamlText.scalar(mount.volumeName()))
                    .open(level + 2, "secret")
                    .put(level + 3, "secretName", mount.secretName());
        }
    }

    private static void mounts(YamlText yaml, int level, ServiceDeployment deployment) {
        yaml.open(level, "volumeMounts");
        for (SecretMount mount : deployment.secrets()) {
            yaml.raw(level + 1, "- name: " + YamlText.scalar(mount.volumeName()))
                    .put(level + 2, "mountPath", mount.mountPath())
                    .putRaw(level + 2, "readOnly", "true");
        }
    }
}
