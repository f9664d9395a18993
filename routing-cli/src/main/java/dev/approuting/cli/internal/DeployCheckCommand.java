package dev.approuting.cli.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.approuting.core.DbName;
import dev.approuting.core.ErrorCode;
import dev.approuting.core.RoutingException;
import dev.approuting.core.ServiceName;
import dev.approuting.core.support.Json;
import dev.approuting.deploy.DeployCheck;
import dev.approuting.deploy.DeployCheckReport;
import dev.approuting.deploy.DeployFinding;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code routing deploy-check}: deployment files against the registry, for CI. */
@Command(
        name = "deploy-check",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Check Helm values files and Kubernetes manifests against the registry: each service's database list and"
                    + " secret mounts must match the databases it declares, secrets must be mounted as whole volumes"
                    + " (not with subPath, not as environment variables: those never change after a rotation), and"
                    + " with --secrets-dir or --cluster every deployed database's secret must exist in the"
                    + " deployment's namespace.",
            "A values file names its service as approuting.service, a manifest with the annotation"
                    + " approuting.dev/service; deploy-config writes both. The check never writes."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:every deployment matches the registry",
            "1:a problem was found (each printed with its file and line)",
            "2:bad input: a path that is no file, a glob matching nothing, files without any deployment, a bad"
                    + " namespace"
        })
final class DeployCheckCommand implements Callable<Integer> {
    private final CliContext context;
    private final ClusterSecrets cluster;

    @Parameters(
            arity = "1..*",
            paramLabel = "FILE",
            description = "Deployment files, or globs such as 'deploy/**/*.yaml' (quoted, so the shell leaves them).")
    List<String> files = new ArrayList<>();

    @Option(
            names = "--namespace",
            paramLabel = "NS",
            description =
                    "The namespace of deployments whose file names none (metadata.namespace, approuting.namespace).")
    @Nullable
    String namespace;

    @Mixin
    EnvironmentOption environment = new EnvironmentOption();

    @Option(
            names = "--secrets-dir",
            paramLabel = "DIR",
            description = "Check that each deployed database's secret exists in DIR ({namespace}-db-{db}-creds, the"
                    + " layout init-db --secrets-dir writes).")
    @Nullable
    Path secretsDir;

    @Option(
            names = "--cluster",
            description = "Check that each deployed database's secret exists in the cluster of the current kubeconfig"
                    + " context (needs read access to secrets in each namespace).")
    boolean inCluster;

    @Option(names = "--format", paramLabel = "FORMAT", description = "text or json (default: ${DEFAULT-VALUE}).")
    Format format = Format.TEXT;

    DeployCheckCommand(CliContext context) {
        this(context, ClusterSecrets.defaultCluster(context.environment()));
    }

    DeployCheckCommand(CliContext context, ClusterSecrets cluster) {
        this.context = context;
        this.cluster = cluster;
    }

    @Override
    public Integer call() {
        DeployCheck.Builder check =
                DeployCheck.configure(context.registry()).files(files).environment(environment.environment);
        CommandLines.ifGiven(namespace, check::namespace);
        CommandLines.ifGiven(secretsDir, check::secretsDir);
        DeployCheckReport report =
                inCluster ? cluster.check(check) : check.load().check();
        if (report.deployments().isEmpty() && report.ok()) {
            // A glob over the wrong directory would otherwise pass without checking anything.
            throw RoutingException.of(
                    ErrorCode.INVALID_CONFIGURATION,
                    "no deployment of a service in "
                            + Human.count(report.files().size(), "file")
                            + ", so nothing was checked: a Helm values file names its service as approuting.service,"
                            + " a Kubernetes workload with the annotation approuting.dev/service (deploy-config writes"
                            + " both); check the paths");
        }
        if (format == Format.JSON) {
            Human.line(context.out(), json(report));
        } else {
            text(report);
        }
        return report.ok() ? CliContext.OK : CliContext.FAILED;
    }

    private void text(DeployCheckReport report) {
        for (DeployFinding finding : report.findings()) {
            Human.line(context.out(), CommandLines.withFlags(finding.describe()));
        }
        long services = report.deployments().stream()
                .map(DeployCheckReport.Deployment::service)
                .distinct()
                .count();
        String summary = "deploy-check: " + Human.count(report.files().size(), "file") + ", "
                + Human.count(report.deployments().size(), "deployment") + " of " + Human.count(services, "service")
                + ": ";
        Human.line(
                context.out(),
                summary
                        + (report.ok()
                                ? "every deployment matches the registry"
                                : Human.count(report.findings().size(), "problem")
                                        + ", each above with its file and line"));
    }

    private static String json(DeployCheckReport report) {
        ObjectNode root = Json.object();
        root.put("ok", report.ok());
        Json.strings(
                root.putArray("files"),
                report.files().stream().map(Path::toString).toList());
        ArrayNode deployments = root.putArray("deployments");
        for (DeployCheckReport.Deployment deployment : report.deployments()) {
            ObjectNode d = deployments.addObject();
            d.put("service", deployment.service().value());
            d.put("file", deployment.file().toString());
            d.put("line", deployment.line());
            d.put("kind", deployment.kind());
            d.put("namespace", deployment.namespace());
            Json.strings(
                    d.putArray("dbs"),
                    deployment.dbs().stream().map(DbName::value).toList());
        }
        ArrayNode findings = root.putArray("findings");
        for (DeployFinding finding : report.findings()) {
            ObjectNode f = findings.addObject();
            f.put("kind", finding.kind().name());
            ServiceName service = finding.service();
            f.put("service", service == null ? null : service.value());
            f.put("file", finding.file().toString());
            f.put("line", finding.line());
            DbName db = finding.db();
            f.put("db", db == null ? null : db.value());
            f.put("message", CommandLines.withFlags(finding.message()));
        }
        return Json.write(root);
    }
}
