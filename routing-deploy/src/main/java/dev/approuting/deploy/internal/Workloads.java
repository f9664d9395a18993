package dev.approuting.deploy.internal;

import dev.approuting.deploy.internal.YamlTree.Node;
import dev.approuting.deploy.internal.YamlTree.YList;
import dev.approuting.deploy.internal.YamlTree.YMap;
import dev.approuting.deploy.internal.YamlTree.YScalar;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * What a deployment file says about one service: read from a Helm values document (the service under
 * {@code approuting.service}, its databases under {@code dbs}) or a Kubernetes workload (the annotations
 * {@value #SERVICE_ANNOTATION} and {@value #DATABASES_ANNOTATION}), with every secret volume, volume
 * mount and environment variable found anywhere in the document.
 */
public final class Workloads {
    /** The annotation naming a workload's service. */
    public static final String SERVICE_ANNOTATION = "approuting.dev/service";

    /** The annotation listing a workload's databases, separated by commas. */
    public static final String DATABASES_ANNOTATION = "approuting.dev/databases";

    /** The key of a values file's own settings ({@code service}, {@code namespace}). */
    public static final String VALUES_KEY = "approuting";

    /** The key of a values file's database list. */
    public static final String DBS_KEY = "dbs";

    private static final Set<String> WORKLOAD_KINDS = Set.of(
            "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "ReplicationController", "Job", "CronJob", "Pod");

    /** The name of a variable {@code CredentialsSource.environment} reads: {@code {NS}_DB_{DB}_CREDS}. */
    private static final Pattern CREDENTIALS_VARIABLE = Pattern.compile("^[A-Z0-9_]+_DB_[A-Z0-9_]+_CREDS$");

    private Workloads() {}

    /**
     * A value and its line.
     *
     * @param value the text
     * @param line where it is, 1-based
     */
    public record Located(String value, int line) {}

    /**
     * A volume holding a database secret {@code {namespace}-db-{db}-creds}.
     *
     * @param volume the volume's name
     * @param secret the secret
     * @param line where the secret is named
     */
    public record SecretVolume(String volume, DbSecret secret, int line) {}

    /**
     * A volume mount.
     *
     * @param volume the volume mounted
     * @param mountPath where
     * @param subPath the {@code subPath} or {@code subPathExpr}, if any
     * @param line where the mount is
     */
    public record Mount(
            String volume, String mountPath, @Nullable String subPath, int line) {}

    /**
     * An environment variable that carries a database secret.
     *
     * @param variable the variable, or {@code envFrom} for a whole secret
     * @param secret the database secret it reads, when it names one
     * @param line where it is
     */
    public record EnvSecret(String variable, @Nullable DbSecret secret, int line) {}

    /**
     * One deployment of a service in a file.
     *
     * @param kind {@code values} for a Helm values document, else the workload's kind
     * @param line where the document or workload starts
     * @param service the service it names, if any
     * @param namespace the namespace it names, if any
     * @param dbs the databases it lists, or {@code null} when it has no list
     * @param dbsLine where the list is
     * @param volumes its volumes holding database secrets
     * @param mounts its volume mounts
     * @param env its environment variables carrying database secrets
     */
    public record Unit(
            String kind,
            int line,
            @Nullable Located service,
            @Nullable Located namespace,
            @Nullable List<Located> dbs,
            int dbsLine,
            List<SecretVolume> volumes,
            List<Mount> mounts,
            List<EnvSecret> env) {
        /** Copies the lists. */
        public Unit {
            dbs = dbs == null ? null : List.copyOf(dbs);
            volumes = List.copyOf(volumes);
            mounts = List.copyOf(mounts);
            env = List.copyOf(env);
        }

        /** Returns whether it touches database secrets at all. */
        public boolean touchesSecrets() {
            return !volumes.isEmpty() || !env.isEmpty() || dbs != null;
        }
    }

    /**
     * A database secret name, {@code {namespace}-db-{db}-creds}, taken apart. Database names have no
     * {@code -}, so the last {@code -db-} separates them.
     *
     * @param name the secret's name
     * @param namespace its namespace part
     * @param db its database part, not yet checked as a name
     */
    public record DbSecret(String name, String namespace, String db) {
        /** Returns the parts of {@code name}, if it is a database secret's name. */
        public static Optional<DbSecret> parse(String name) {
            if (!name.endsWith("-creds")) {
                return Optional.empty();
            }
            String rest = name.substring(0, name.length() - "-creds".length());
            int at = rest.lastIndexOf("-db-");
            if (at <= 0 || at + 4 >= rest.length()) {
                return Optional.empty();
            }
            return Optional.of(new DbSecret(name, rest.substring(0, at), rest.substring(at + 4)));
        }
    }

    /** Returns the deployments in {@code document}: one per workload or values document that concerns a service. */
    public static List<Unit> of(Node document) {
        if (!(document instanceof YMap root)) {
            return List.of();
        }
        List<Unit> units = new ArrayList<>();
        boolean manifest =
                root.scalar("apiVersion").isPresent() && root.scalar("kind").isPresent();
        if (!manifest) {
            Unit values = values(root);
            if (values.service() != null || values.touchesSecrets()) {
                units.add(values);
            }
            return units;
        }
        String kind = root.scalar("kind").map(YScalar::text).orElse("");
        if (kind.equals("List")) {
            root.list("items").ifPresent(items -> items.items().forEach(item -> units.addAll(of(item))));
            return units;
        }
        if (WORKLOAD_KINDS.contains(kind)) {
            Unit workload = workload(kind, root);
            if (workload.service() != null || workload.touchesSecrets()) {
                units.add(workload);
            }
        }
        return units;
    }

    private static Unit values(YMap root) {
        Optional<YMap> own = root.map(VALUES_KEY);
        Located service = own.flatMap(m -> located(m, "service")).orElse(null);
        Located namespace = own.flatMap(m -> located(m, "namespace")).orElse(null);
        List<Located> dbs = null;
        int dbsLine = root.lineOf(DBS_KEY);
        Optional<Node> list = root.get(DBS_KEY);
        if (list.isPresent()) {
            dbs = new ArrayList<>();
            if (list.get() instanceof YList items) {
                for (Node item : items.items()) {
                    dbs.add(item instanceof YScalar s ? new Located(s.text(), s.line()) : new Located("", item.line()));
                }
            } else if (list.get() instanceof YScalar s) {
                dbs.addAll(split(s));
            }
        }
        Found found = new Found();
        found.walk(root);
        return new Unit(
                "values", root.line(), service, namespace, dbs, dbsLine, found.volumes, found.mounts, found.env);
    }

    private static Unit workload(String kind, YMap root) {
        Found found = new Found();
        found.walk(root);
        Located namespace =
                root.map("metadata").flatMap(m -> located(m, "namespace")).orElse(null);
        Located service = found.annotation(SERVICE_ANNOTATION);
        Located databases = found.annotation(DATABASES_ANNOTATION);
        List<Located> dbs = null;
        int dbsLine = root.line();
        if (databases != null) {
            dbs = split(new YScalar(databases.line(), databases.value(), false));
            dbsLine = databases.line();
        }
        return new Unit(kind, root.line(), service, namespace, dbs, dbsLine, found.volumes, found.mounts, found.env);
    }

    private static List<Located> split(YScalar scalar) {
        List<Located> dbs = new ArrayList<>();
        for (String part : scalar.text().split(",", -1)) {
            if (!part.isBlank() || scalar.text().contains(",")) {
                dbs.add(new Located(part.strip(), scalar.line()));
            }
        }
        return dbs;
    }

    private static Optional<Located> located(YMap map, String key) {
        return map.scalar(key).map(s -> new Located(s.text(), s.line()));
    }

    /** What a walk over a whole document collects. */
    private static final class Found {
        final List<SecretVolume> volumes = new ArrayList<>();
        final List<Mount> mounts = new ArrayList<>();
        final List<EnvSecret> env = new ArrayList<>();
        final List<YMap> annotations = new ArrayList<>();

        void walk(Node node) {
            if (node instanceof YList list) {
                list.items().forEach(this::walk);
                return;
            }
            if (!(node instanceof YMap map)) {
                return;
            }
            map.entries().forEach((key, value) -> {
                switch (key) {
                    case "volumes" -> items(value).forEach(this::volume);
                    case "volumeMounts" -> items(value).forEach(this::mount);
                    case "env" -> items(value).forEach(this::variable);
                    case "envFrom" -> items(value).forEach(this::envFrom);
                    case "annotations" -> {
                        if (value instanceof YMap a) {
                            annotations.add(a);
                        }
                    }
                    default -> {}
                }
                walk(value);
            });
        }

        @Nullable
        Located annotation(String key) {
            for (YMap map : annotations) {
                Optional<Located> found = located(map, key);
                if (found.isPresent()) {
                    return found.get();
                }
            }
            return null;
        }

        private static List<YMap> items(Node node) {
            if (!(node instanceof YList list)) {
                return List.of();
            }
            return list.items().stream()
                    .filter(YMap.class::isInstance)
                    .map(YMap.class::cast)
                    .toList();
        }

        private void volume(YMap volume) {
            String name = volume.scalar("name").map(YScalar::text).orElse("");
            volume.map("secret").flatMap(s -> s.scalar("secretName")).ifPresent(s -> secretVolume(name, s));
            volume.map("projected").flatMap(p -> p.list("sources")).ifPresent(sources -> {
                for (YMap source : items(sources)) {
                    source.map("secret").flatMap(s -> s.scalar("name")).ifPresent(s -> secretVolume(name, s));
                }
            });
        }

        private void secretVolume(String volume, YScalar secretName) {
            DbSecret.parse(secretName.text())
                    .ifPresent(secret -> volumes.add(new SecretVolume(volume, secret, secretName.line())));
        }

        private void mount(YMap mount) {
            Optional<YScalar> name = mount.scalar("name");
            if (name.isEmpty()) {
                return;
            }
            String subPath = mount.scalar("subPath")
                    .or(() -> mount.scalar("subPathExpr"))
                    .map(YScalar::text)
                    .orElse(null);
            String path = mount.scalar("mountPath").map(YScalar::text).orElse("");
            mounts.add(new Mount(name.get().text(), path, subPath, mount.line()));
        }

        private void variable(YMap variable) {
            String name = variable.scalar("name").map(YScalar::text).orElse("");
            Optional<DbSecret> secret = variable.map("valueFrom")
                    .flatMap(v -> v.map("secretKeyRef"))
                    .flatMap(ref -> ref.scalar("name"))
                    .flatMap(s -> DbSecret.parse(s.text()));
            if (secret.isPresent() || CREDENTIALS_VARIABLE.matcher(name).matches()) {
                env.add(new EnvSecret(name, secret.orElse(null), variable.line()));
            }
        }

        private void envFrom(YMap source) {
            source.map("secretRef")
                    .flatMap(ref -> ref.scalar("name"))
                    .flatMap(s -> DbSecret.parse(s.text()))
                    .ifPresent(secret -> env.add(new EnvSecret("envFrom", secret, source.line())));
        }
    }
}
