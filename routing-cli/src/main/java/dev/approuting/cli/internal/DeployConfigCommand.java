package dev.approuting.cli.internal;

import dev.approuting.core.Environment;
import dev.approuting.core.ErrorCode;
import dev.approuting.core.RoutingException;
import dev.approuting.deploy.DeploymentConfig;
import dev.approuting.deploy.MigrateJob;
import dev.approuting.deploy.ServiceDeployment;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code routing deploy-config}: a service's databases and secret mounts, or the migrate-all Job, from the registry. */
@Command(
        name = "deploy-config",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Print what a service's deployment needs, derived from the registry: its databases and, for each, the"
                    + " secret <namespace>-db-<db>-creds mounted as a whole volume (so rotated passwords reach the"
                    + " pod), as a Helm values fragment, a Kubernetes Deployment patch or JSON.",
            "The admin service gets every database of its admin view; --migrate-job renders the Job that runs"
                    + " migrate-all with its image after each deploy of migrations.",
            "Nothing is written but the --output file."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:printed or written", "2:bad input: an unknown service, a bad namespace, value or path"})
final class DeployConfigCommand implements Callable<Integer> {
    /** What to render for a service. */
    enum Output {
        HELM,
        KUBERNETES,
        JSON
    }

    private final CliContext context;

    @Option(
            names = "--service",
            paramLabel = "S",
            description = "The service: a declared one, or the admin service (default with --migrate-job).")
    @Nullable
    String service;

    @Option(
            names = "--migrate-job",
            description =
                    "Render the Kubernetes Job running migrate-all with the admin service's image (needs --image).")
    boolean migrateJob;

    @Option(
            names = "--namespace",
            paramLabel = "NS",
            defaultValue = "${env:ROUTING_NAMESPACE}",
            description =
                    "The Kubernetes namespace the service runs in, which names its secrets (env ROUTING_NAMESPACE).")
    @Nullable
    String namespace;

    @Mixin
    EnvironmentOption environment = new EnvironmentOption();

    @Option(
            names = "--secrets-dir",
            paramLabel = "DIR",
            defaultValue = DeploymentConfig.DEFAULT_SECRETS_DIR,
            description = "Where the pod mounts the secrets: the directory the service reads, and gives migrate-all"
                    + " (default: ${DEFAULT-VALUE}).")
    String secretsDir = DeploymentConfig.DEFAULT_SECRETS_DIR;

    @Option(
            names = "--format",
            paramLabel = "FORMAT",
            description = "helm (a values fragment, the default), kubernetes (a Deployment patch) or json.")
    @Nullable
    Output format;

    @Option(
            names = "--output",
            paramLabel = "FILE",
            description = "Write to FILE (its directory must exist) instead of printing.")
    @Nullable
    Path output;

    @Option(names = "--image", paramLabel = "IMAGE", description = "--migrate-job: the admin service's image.")
    @Nullable
    String image;

    @Option(
            names = "--job-command",
            paramLabel = "CMD",
            description = "--migrate-job: the container's command when the image's entry point does not run the"
                    + " command line, such as \"java -jar /app/toolshed.jar\" (default: the entry point).")
    @Nullable
    String jobCommand;

    @Option(
            names = "--deadline",
            paramLabel = "TIME",
            converter = Durations.class,
            description = "--migrate-job: how long the Job may run, such as 30m (default: 30m).")
    @Nullable
    Duration deadline;

    @Option(names = "--cpu", paramLabel = "QUANTITY", description = "--migrate-job: the CPU request (default: 500m).")
    @Nullable
    String cpu;

    @Option(
            names = "--memory",
            paramLabel = "QUANTITY",
            description = "--migrate-job: the memory request and limit (default: 512Mi).")
    @Nullable
    String memory;

    @Option(
            names = "--backoff-limit",
            paramLabel = "N",
            description = "--migrate-job: retries of a pod that failed for another reason than migrate-all's exit"
                    + " code (default: 2).")
    @Nullable
    Integer backoffLimit;

    DeployConfigCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        checkOptions();
        DeploymentConfig.Builder builder = DeploymentConfig.configure(context.registry())
                .environment(environment.environment)
                .secretsDir(secretsDir);
        CommandLines.ifGiven(namespace, builder::namespace);
        DeploymentConfig config = builder.load();
        String text;
        if (migrateJob) {
            text = header() + job(config).yaml();
        } else {
            ServiceDeployment deployment = config.service(String.valueOf(service));
            Output chosen = format == null ? Output.HELM : format;
            text = switch (chosen) {
                case HELM -> header() + deployment.helmValues();
                case KUBERNETES -> header() + deployment.deploymentPatch();
                case JSON -> deployment.json() + System.lineSeparator();
            };
        }
        Path file = output;
        if (file == null) {
            context.out().print(text);
            context.out().flush();
        } else {
            write(file, text);
            Human.line(context.out(), "wrote " + file);
        }
        return CliContext.OK;
    }

    private void checkOptions() {
        List<RoutingException> problems = new ArrayList<>();
        if (namespace == null || namespace.isBlank()) {
            problems.add(invalid("no namespace: give --namespace NS, the Kubernetes namespace the service runs in (it"
                    + " names the secrets {namespace}-db-{db}-creds)"));
        }
        if (migrateJob) {
            if (service != null
                    && !service.equals(context.registry().adminService().value())) {
                problems.add(invalid("--migrate-job runs in the admin service '"
                        + context.registry().adminService() + "', not in '" + service + "': leave out --service"));
            }
            if (image == null) {
                problems.add(invalid("--migrate-job needs --image IMAGE, the admin service's image"));
            }
            if (format != null && format != Output.KUBERNETES) {
                problems.add(invalid("--migrate-job renders a Kubernetes Job: leave out --format "
                        + format.name().toLowerCase(Locale.ROOT)));
            }
        } else {
            if (service == null) {
                problems.add(invalid("give --service S (a declared service or the admin service '"
                        + context.registry().adminService() + "'), or --migrate-job"));
            }
            List<String> jobOnly = new ArrayList<>();
            addIf(jobOnly, image, "--image");
            addIf(jobOnly, jobCommand, "--job-command");
            addIf(jobOnly, deadline, "--deadline");
            addIf(jobOnly, cpu, "--cpu");
            addIf(jobOnly, memory, "--memory");
            addIf(jobOnly, backoffLimit, "--backoff-limit");
            if (!jobOnly.isEmpty()) {
                problems.add(invalid(String.join(", ", jobOnly) + " apply to --migrate-job only"));
            }
        }
        if (!problems.isEmpty()) {
            throw RoutingException.allOf(ErrorCode.INVALID_CONFIGURATION, "problems with the options", problems);
        }
    }

    private static void addIf(List<String> given, @Nullable Object value, String option) {
        if (value != null) {
            given.add(option);
        }
    }

    private MigrateJob job(DeploymentConfig config) {
        MigrateJob job = config.migrateJob(String.valueOf(image));
        String command = jobCommand;
        if (command != null) {
            job = job.withCommand(Arrays.asList(command.strip().split("\\s+")));
        }
        Duration time = deadline;
        if (time != null) {
            job = job.withDeadline(time);
        }
        if (cpu != null || memory != null) {
            job = job.withResources(
                    cpu == null ? job.cpuRequest() : String.valueOf(cpu),
                    memory == null ? job.memory() : String.valueOf(memory));
        }
        Integer limit = backoffLimit;
        if (limit != null) {
            job = job.withBackoffLimit(limit);
        }
        return job;
    }

    /** Returns the comment that says how the file was made: this command with its options, in a fixed order. */
    private String header() {
        List<String> args = new ArrayList<>(List.of("routing", "deploy-config"));
        if (migrateJob) {
            args.add("--migrate-job");
        } else {
            args.addAll(List.of("--service", String.valueOf(service)));
        }
        args.addAll(List.of("--namespace", String.valueOf(namespace)));
        if (environment.environment != Environment.PRODUCTION) {
            args.addAll(List.of("--environment", environment.environment.name()));
        }
        if (!secretsDir.equals(DeploymentConfig.DEFAULT_SECRETS_DIR)) {
            args.addAll(List.of("--secrets-dir", secretsDir));
        }
        if (migrateJob) {
            args.addAll(List.of("--image", String.valueOf(image)));
            if (jobCommand != null) {
                args.addAll(List.of("--job-command", "\"" + jobCommand.strip() + "\""));
            }
            Duration time = deadline;
            if (time != null) {
                args.addAll(List.of("--deadline", Durations.format(time)));
            }
            addOption(args, "--cpu", cpu);
            addOption(args, "--memory", memory);
            addOption(args, "--backoff-limit", backoffLimit);
        } else if (format != null) {
            args.addAll(List.of("--format", format.name().toLowerCase(Locale.ROOT)));
        }
        return "# generated by: " + String.join(" ", args) + "\n";
    }

    private static void addOption(List<String> args, String option, @Nullable Object value) {
        if (value != null) {
            args.addAll(List.of(option, value.toString()));
        }
    }

    private static void write(Path file, String text) {
        Path absolute = file.toAbsolutePath();
        Path parent = absolute.getParent();
        if (Files.isDirectory(absolute)) {
            throw invalid("--output " + file + " is a directory: give a file name in it");
        }
        if (parent == null || !Files.isDirectory(parent)) {
            throw invalid("--output " + file + ": the directory " + parent + " does not exist; create it first");
        }
        try {
            Files.writeString(absolute, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw RoutingException.of(
                    ErrorCode.INVALID_CONFIGURATION,
                    "cannot write --output " + file + " (" + e.getClass().getSimpleName()
                            + "): check the path and its permissions",
                    e);
        }
    }

    private static RoutingException invalid(String message) {
        return RoutingException.of(ErrorCode.INVALID_CONFIGURATION, message);
    }
}
