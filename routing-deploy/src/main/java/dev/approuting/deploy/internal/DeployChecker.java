package dev.approuting.deploy.internal;

import dev.approuting.core.AppName;
import dev.approuting.core.CredentialsSource;
import dev.approuting.core.DbName;
import dev.approuting.core.DbRouterRegistry;
import dev.approuting.core.Environment;
import dev.approuting.core.RoutingException;
import dev.approuting.core.ServiceName;
import dev.approuting.core.support.Text;
import dev.approuting.deploy.DeployCheckReport;
import dev.approuting.deploy.DeployFinding;
import dev.approuting.deploy.DeployFinding.Kind;
import dev.approuting.deploy.internal.Workloads.DbSecret;
import dev.approuting.deploy.internal.Workloads.EnvSecret;
import dev.approuting.deploy.internal.Workloads.Located;
import dev.approuting.deploy.internal.Workloads.Mount;
import dev.approuting.deploy.internal.Workloads.SecretVolume;
import dev.approuting.deploy.internal.Workloads.Unit;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** One run of {@link dev.approuting.deploy.DeployCheck#check()}: reads each file and checks each deployment in it. */
public final class DeployChecker {
    /** Where the library says how to get a service's list and mounts right; the command line names its command. */
    static final String RENDERED_BY = "DeploymentConfig.service(service) renders them";

    private final DbRouterRegistry registry;
    private final Environment environment;
    private final @Nullable String defaultNamespace;
    private final @Nullable SecretLookup secrets;
    private final List<DeployFinding> findings = new ArrayList<>();
    private final List<DeployCheckReport.Deployment> deployments = new ArrayList<>();

    /** Creates a run; {@code secrets} is {@code null} when secrets are not checked. */
    public DeployChecker(
            DbRouterRegistry registry,
            Environment environment,
            @Nullable String defaultNamespace,
            @Nullable SecretLookup secrets) {
        this.registry = registry;
        this.environment = environment;
        this.defaultNamespace = defaultNamespace;
        this.secrets = secrets == null ? null : SecretLookup.cached(secrets);
    }

    /** Checks every deployment in {@code files}. */
    public DeployCheckReport check(List<Path> files) {
        for (Path file : files) {
            YamlTree.Parsed parsed = YamlTree.read(file);
            String problem = parsed.problem();
            if (problem != null) {
                String hint = looksLikeATemplate(file)
                        ? "; a Helm template is YAML only once rendered: check the values files, or the output of"
                                + " helm template"
                        : "";
                add(Kind.MALFORMED_FILE, null, file, parsed.problemLine(), null, problem + hint);
                continue;
            }
            for (YamlTree.Node document : parsed.documents()) {
                Workloads.of(document).forEach(unit -> check(file, unit));
            }
        }
        List<DeployFinding> sorted = new ArrayList<>(findings);
        sorted.sort(Comparator.comparing((DeployFinding f) -> files.indexOf(f.file()))
                .thenComparingInt(DeployFinding::line));
        return new DeployCheckReport(files, deployments, sorted);
    }

    private void check(Path file, Unit unit) {
        Located named = unit.service();
        if (named == null) {
            add(
                    Kind.NO_SERVICE,
                    null,
                    file,
                    unit.line(),
                    null,
                    describe(unit) + " deploys database secrets but names no service, so it cannot be checked"
                            + " against the registry: " + serviceHint(unit));
            return;
        }
        ServiceName service;
        try {
            Optional<ServiceName> found = Declared.find(registry, named.value());
            if (found.isEmpty()) {
                add(
                        Kind.UNKNOWN_SERVICE,
                        null,
                        file,
                        named.line(),
                        null,
                        Declared.unknownService(registry, named.value()));
                return;
            }
            service = found.get();
        } catch (RoutingException e) {
            add(Kind.UNKNOWN_SERVICE, null, file, named.line(), null, String.valueOf(e.getMessage()));
            return;
        }
        new UnitCheck(file, unit, service).run();
    }

    /** The checks of one deployment of a known service. */
    private final class UnitCheck {
        private final Path file;
        private final Unit unit;
        private final ServiceName service;
        private final Map<DbName, List<AppName>> declared;
        private final @Nullable String namespace;

        UnitCheck(Path file, Unit unit, ServiceName service) {
            this.file = file;
            this.unit = unit;
            this.service = service;
            this.declared = Declared.databases(registry, service, environment);
            this.namespace = namespace();
        }

        void run() {
            Set<DbName> listed = listed();
            Map<DbName, Integer> mounted = mounted();
            environmentSecrets();
            // Databases the service does not declare are findings already; their secrets do not matter.
            Set<DbName> deployed = new LinkedHashSet<>(listed);
            deployed.addAll(mounted.keySet());
            deployed.retainAll(declared.keySet());
            checkSecretsExist(deployed);
            deployments.add(new DeployCheckReport.Deployment(
                    service,
                    file,
                    unit.line(),
                    unit.kind(),
                    namespace,
                    List.copyOf(unit.dbs() == null ? mounted.keySet() : listed)));
        }

        private @Nullable String namespace() {
            Located own = unit.namespace();
            if (own != null) {
                Optional<RoutingException> bad = Render.checkNamespace(own.value());
                if (bad.isPresent()) {
                    add(
                            Kind.NO_NAMESPACE,
                            null,
                            own.line(),
                            "service " + q(service) + ": " + bad.get().getMessage());
                    return null;
                }
                return own.value();
            }
            if (defaultNamespace != null) {
                return defaultNamespace;
            }
            Set<String> fromSecrets = new LinkedHashSet<>();
            unit.volumes().forEach(v -> fromSecrets.add(v.secret().namespace()));
            return fromSecrets.size() == 1 ? fromSecrets.iterator().next() : null;
        }

        /** Checks the database list against the registry; returns the known databases it lists. */
        private Set<DbName> listed() {
            Set<DbName> listed = new LinkedHashSet<>();
            List<Located> dbs = unit.dbs();
            if (dbs == null) {
                return listed;
            }
            for (Located entry : dbs) {
                Optional<DbName> db = knownDb(entry.value(), entry.line(), "lists");
                db.ifPresent(listed::add);
            }
            for (DbName db : listed) {
                if (declared.containsKey(db)) {
                    continue;
                }
                int line = lineOf(dbs, db);
                if (environment == Environment.PRODUCTION && Declared.devOnly(registry, db)) {
                    add(
                            Kind.DEV_ONLY_IN_PRODUCTION,
                            db,
                            line,
                            "service " + q(service) + " lists database " + q(db)
                                    + ", which exists only in development (devOnly()): leave it out of production"
                                    + " deployments");
                } else {
                    add(
                            Kind.DATABASE_NOT_DECLARED,
                            db,
                            line,
                            "service " + q(service) + " lists database " + q(db)
                                    + ", which it does not declare in the registry (it declares "
                                    + Text.list(declared.keySet())
                                    + "): remove it, or declare it with builder().service(\""
                                    + service + "\", dbs...) first");
                }
            }
            for (DbName db : declared.keySet()) {
                if (!listed.contains(db)) {
                    add(
                            Kind.DATABASE_NOT_LISTED,
                            db,
                            unit.dbsLine(),
                            "service " + q(service) + " declares database " + q(db)
                                    + " in the registry, but the database list here lacks it: add it with its secret"
                                    + " volume; " + RENDERED_BY);
                }
            }
            return listed;
        }

        /** Checks each mounted database secret; returns the databases mounted and the line of each mount. */
        private Map<DbName, Integer> mounted() {
            Map<String, SecretVolume> volumes = new LinkedHashMap<>();
            unit.volumes().forEach(v -> volumes.putIfAbsent(v.volume(), v));
            Map<DbName, Integer> mounted = new LinkedHashMap<>();
            for (Mount mount : unit.mounts()) {
                SecretVolume volume = volumes.get(mount.volume());
                if (volume == null) {
                    continue;
                }
                DbSecret secret = volume.secret();
                Optional<DbName> found =
                        knownDb(secret.db(), volume.line(), "mounts the secret " + secret.name() + " of");
                if (found.isEmpty()) {
                    continue;
                }
                DbName db = found.get();
                mounted.putIfAbsent(db, mount.line());
                String ns = namespace;
                if (ns != null && !secret.namespace().equals(ns)) {
                    add(
                            Kind.WRONG_NAMESPACE,
                            db,
                            volume.line(),
                            "service " + q(service) + " mounts the secret " + secret.name() + " of namespace "
                                    + q(secret.namespace()) + " for database " + q(db) + ", but deploys to namespace "
                                    + q(ns) + ": mount " + CredentialsSource.secretName(ns, db));
                }
                String subPath = mount.subPath();
                if (subPath != null) {
                    add(
                            Kind.SUBPATH_MOUNT,
                            db,
                            mount.line(),
                            "service " + q(service) + " mounts the secret " + secret.name() + " of database " + q(db)
                                    + " with subPath " + Text.quote(subPath) + ": Kubernetes never updates such a file"
                                    + " after the secret changes (kubernetes/kubernetes#50345), so a rotated password"
                                    + " never reaches the pod; mount the whole secret, without subPath, at <secrets"
                                    + " dir>/" + secret.name());
                } else if (!mount.mountPath().replaceAll("/+$", "").endsWith("/" + secret.name())) {
                    add(
                            Kind.WRONG_MOUNT_PATH,
                            db,
                            mount.line(),
                            "service " + q(service) + " mounts the secret " + secret.name() + " of database " + q(db)
                                    + " at " + Text.quote(mount.mountPath()) + ", but"
                                    + " CredentialsSource.mountedSecrets(dir, namespace) reads it from <dir>/"
                                    + secret.name() + ": mount it at a directory named after the secret");
                }
            }
            if (unit.kind().equals("values") && unit.volumes().isEmpty() && unit.dbs() != null) {
                // A chart that builds the volumes from the list: its rendered manifests show the mounts.
                return mounted;
            }
            for (Map.Entry<DbName, Integer> entry : mounted.entrySet()) {
                DbName db = entry.getKey();
                if (!declared.containsKey(db)) {
                    add(
                            Kind.UNDECLARED_SECRET_MOUNTED,
                            db,
                            entry.getValue(),
                            "service " + q(service) + " mounts the secret of database " + q(db)
                                    + ", which it does not declare in the registry: the pod could log in to it;"
                                    + " remove the volume and its mount");
                }
            }
            for (DbName db : declared.keySet()) {
                if (!mounted.containsKey(db)) {
                    String secret = namespace == null
                            ? "{namespace}-db-" + db + "-creds"
                            : CredentialsSource.secretName(namespace, db);
                    add(
                            Kind.SECRET_NOT_MOUNTED,
                            db,
                            unit.dbs() == null ? unit.line() : unit.dbsLine(),
                            "service " + q(service) + " declares database " + q(db) + ", but its secret " + secret
                                    + " is not mounted, so the service cannot log in to it: add the volume and its"
                                    + " mount; " + RENDERED_BY);
                }
            }
            return mounted;
        }

        private void environmentSecrets() {
            for (EnvSecret variable : unit.env()) {
                DbSecret secret = variable.secret();
                DbName db = secret != null ? dbOrNull(secret.db()) : dbOfVariable(variable.variable());
                String what = secret == null ? "a database secret" : "the secret " + secret.name();
                String where = variable.variable().equals("envFrom")
                        ? "envFrom"
                        : "environment variable " + variable.variable();
                add(
                        Kind.SECRET_IN_ENVIRONMENT,
                        db,
                        variable.line(),
                        "service " + q(service) + " reads " + what + (db == null ? "" : " of database " + q(db))
                                + " from " + where + ": a variable keeps its value until the pod restarts, so a"
                                + " rotated password never reaches the service; mount the whole secret as a volume"
                                + " instead");
            }
        }

        private void checkSecretsExist(Set<DbName> deployed) {
            SecretLookup lookup = secrets;
            if (lookup == null || deployed.isEmpty()) {
                return;
            }
            String ns = namespace;
            if (ns == null) {
                add(
                        Kind.NO_NAMESPACE,
                        null,
                        unit.line(),
                        "service " + q(service) + ": no namespace is known for this deployment, so its secrets cannot"
                                + " be checked: give "
                                + (unit.kind().equals("values") ? "approuting.namespace" : "metadata.namespace")
                                + " here, or namespace(ns) to the check");
                return;
            }
            for (DbName db : deployed) {
                Optional<String> problem = lookup.problem(db, ns);
                problem.ifPresent(p -> add(
                        Kind.SECRET_MISSING,
                        db,
                        lineOfDeployed(db),
                        "service " + q(service) + " deploys database " + q(db) + " to namespace " + q(ns)
                                + ", but its secret " + CredentialsSource.secretName(ns, db) + " " + p
                                + ": provision it first with DatabaseProvisioner.initDb(db, namespaces), then deploy"));
            }
        }

        private int lineOfDeployed(DbName db) {
            List<Located> dbs = unit.dbs();
            if (dbs != null) {
                for (Located entry : dbs) {
                    if (entry.value().equals(db.value())) {
                        return entry.line();
                    }
                }
            }
            for (SecretVolume volume : unit.volumes()) {
                if (volume.secret().db().equals(db.value())) {
                    return volume.line();
                }
            }
            return unit.line();
        }

        private Optional<DbName> knownDb(String name, int line, String verb) {
            DbName db;
            try {
                db = DbName.of(name);
            } catch (RoutingException e) {
                add(
                        Kind.UNKNOWN_DATABASE,
                        null,
                        line,
                        "service " + q(service) + " " + verb + " " + Text.quote(name) + ", which is no database name"
                                + didYouMean(name) + ": " + e.getMessage());
                return Optional.empty();
            }
            if (registry.findRouter(db).isEmpty()) {
                add(
                        Kind.UNKNOWN_DATABASE,
                        null,
                        line,
                        "service " + q(service) + " " + verb + " database " + q(db)
                                + ", which no router of the registry fills" + didYouMean(name)
                                + "; the service declares " + Text.list(declared.keySet()));
                return Optional.empty();
            }
            return Optional.of(db);
        }

        private String didYouMean(String name) {
            return Text.didYouMean(
                    name, registry.dbNames().stream().map(DbName::value).toList());
        }

        private void add(Kind kind, @Nullable DbName db, int line, String message) {
            DeployChecker.this.add(kind, service, file, line, db, message);
        }
    }

    private void add(
            Kind kind, @Nullable ServiceName service, Path file, int line, @Nullable DbName db, String message) {
        findings.add(new DeployFinding(kind, service, file, line, db, message));
    }

    private static int lineOf(List<Located> entries, DbName db) {
        return entries.stream()
                .filter(e -> e.value().equals(db.value()))
                .mapToInt(Located::line)
                .findFirst()
                .orElse(0);
    }

    private static @Nullable DbName dbOrNull(String name) {
        try {
            return DbName.of(name);
        } catch (RoutingException e) {
            return null;
        }
    }

    /** Returns the database of a variable {@code {NS}_DB_{DB}_CREDS}, when its name shows one. */
    private static @Nullable DbName dbOfVariable(String variable) {
        int at = variable.lastIndexOf("_DB_");
        if (at < 0 || !variable.endsWith("_CREDS") || at + 4 >= variable.length() - 6) {
            return null;
        }
        return dbOrNull(variable.substring(at + 4, variable.length() - 6).toLowerCase(Locale.ROOT));
    }

    private static boolean looksLikeATemplate(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8).contains("{{");
        } catch (IOException | UncheckedIOException e) {
            return false;
        }
    }

    private static String describe(Unit unit) {
        return unit.kind().equals("values") ? "this values file" : "this " + unit.kind();
    }

    private static String serviceHint(Unit unit) {
        return unit.kind().equals("values")
                ? "add approuting.service (DeploymentConfig writes it)"
                : "add the annotation " + Workloads.SERVICE_ANNOTATION + " (DeploymentConfig writes it)";
    }

    private static String q(Object name) {
        return "'" + name + "'";
    }
}
