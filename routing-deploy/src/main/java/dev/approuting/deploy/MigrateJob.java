package dev.approuting.deploy;

import dev.approuting.core.Environment;
import dev.approuting.core.ErrorCode;
import dev.approuting.core.RoutingException;
import dev.approuting.deploy.internal.Render;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * {@code migrate-all} as a Kubernetes Job: the admin service's image running {@code migrate-all} with the
 * secret of every database of its admin view mounted, run after each deploy of migrations. Made by
 * {@link DeploymentConfig#migrateJob(String)}; the {@code with…} methods return changed copies.
 *
 * <pre>{@code
 * String job = DeploymentConfig.configure(registry).namespace("toolshed").load()
 *         .migrateJob("registry.example.com/toolshed:1.4.0")
 *         .withDeadline(Duration.ofMinutes(20))
 *         .yaml();
 * }</pre>
 *
 * <p>The Job fails as soon as the command exits 1 (a database failed) or 2 (wrong input): a rerun would
 * fail the same way, and migrate-all already went on with every other database. Other pod failures
 * (out of memory, a lost node) are retried up to {@link #backoffLimit()} times, and an evicted pod does not
 * count; rerunning is safe, as migrate-all applies each migration once. Helm runs it as a
 * {@code post-install,post-upgrade} hook, replacing the previous run; with {@code kubectl}, delete the
 * finished Job before applying it again.
 *
 * @param admin the admin service's deployment (namespace, secrets)
 * @param image the admin service's image, whose entry point runs the {@code routing} command line
 * @param command the container's command when the image's entry point does not run the command line
 *     (such as {@code java -jar /app/toolshed.jar}); empty to keep the entry point
 * @param deadline how long the Job may run before Kubernetes stops it ({@code activeDeadlineSeconds})
 * @param cpuRequest the CPU request, such as {@code 500m}
 * @param memory the memory request and limit, such as {@code 512Mi}
 * @param backoffLimit how many times a pod that failed for another reason than the command is retried
 */
public record MigrateJob(
        ServiceDeployment admin,
        String image,
        List<String> command,
        Duration deadline,
        String cpuRequest,
        String memory,
        int backoffLimit) {
    /** The name of the Job and of its container. */
    public static final String NAME = "migrate-all";

    /** The deadline unless {@link #withDeadline} says otherwise. */
    public static final Duration DEFAULT_DEADLINE = Duration.ofMinutes(30);

    /** The CPU request unless {@link #withResources} says otherwise. */
    public static final String DEFAULT_CPU = "500m";

    /** The memory request and limit unless {@link #withResources} says otherwise. */
    public static final String DEFAULT_MEMORY = "512Mi";

    /** The retries of a pod that failed for another reason than the command's exit code. */
    public static final int DEFAULT_BACKOFF_LIMIT = 2;

    /** The exit codes of the command that fail the Job at once: 1 a database failed, 2 wrong input. */
    public static final List<Integer> FAILING_EXIT_CODES = List.of(1, 2);

    private static final Pattern QUANTITY = Pattern.compile("^[0-9]+(\\.[0-9]+)?(m|k|M|G|T|Ki|Mi|Gi|Ti)?$");

    /**
     * Checks every value, reporting all problems at once.
     *
     * @throws RoutingException with {@link ErrorCode#INVALID_CONFIGURATION} for a blank image or one with
     *     white space, a deadline under a second, a resource quantity Kubernetes would refuse or a negative
     *     backoff limit
     */
    public MigrateJob {
        command = List.copyOf(command);
        List<RoutingException> problems = new ArrayList<>();
        if (image.isBlank() || image.chars().anyMatch(Character::isWhitespace)) {
            problems.add(invalid("the image " + quoted(image)
                    + " is no image reference: give the admin service's image, such as"
                    + " registry.example.com/toolshed:1.4.0, to migrateJob(image)"));
        }
        if (deadline.compareTo(Duration.ofSeconds(1)) < 0) {
            problems.add(invalid("the deadline " + deadline + " is under a second: give withDeadline(deadline) a"
                    + " time migrate-all can finish in, such as 30 minutes"));
        }
        if (!QUANTITY.matcher(cpuRequest).matches()) {
            problems.add(invalid("the CPU request " + quoted(cpuRequest)
                    + " is no Kubernetes quantity: give withResources(cpu, memory) a value such as 500m or 1"));
        }
        if (!QUANTITY.matcher(memory).matches()) {
            problems.add(invalid("the memory " + quoted(memory)
                    + " is no Kubernetes quantity: give withResources(cpu, memory) a value such as 512Mi or 1Gi"));
        }
        if (backoffLimit < 0) {
            problems.add(
                    invalid("the backoff limit " + backoffLimit + " is negative: give withBackoffLimit(n) 0 or more"));
        }
        if (command.stream().anyMatch(String::isBlank)) {
            problems.add(
                    invalid("the command " + command + " has a blank part: give withCommand(parts) each word once"));
        }
        if (!problems.isEmpty()) {
            throw RoutingException.allOf(
                    ErrorCode.INVALID_CONFIGURATION, "problems with the migrate-all Job", problems);
        }
    }

    /** Returns a copy whose container runs {@code command} (then {@link #args()}) instead of the image's entry point. */
    public MigrateJob withCommand(List<String> command) {
        return new MigrateJob(admin, image, command, deadline, cpuRequest, memory, backoffLimit);
    }

    /** Returns a copy with another deadline. */
    public MigrateJob withDeadline(Duration deadline) {
        return new MigrateJob(admin, image, command, deadline, cpuRequest, memory, backoffLimit);
    }

    /** Returns a copy with another CPU request and memory request and limit. */
    public MigrateJob withResources(String cpuRequest, String memory) {
        return new MigrateJob(admin, image, command, deadline, cpuRequest, memory, backoffLimit);
    }

    /** Returns a copy with another backoff limit. */
    public MigrateJob withBackoffLimit(int backoffLimit) {
        return new MigrateJob(admin, image, command, deadline, cpuRequest, memory, backoffLimit);
    }

    /**
     * Returns the arguments of the container: {@code migrate-all --secrets-dir DIR --namespace NS}, and
     * {@code --environment DEVELOPMENT} for a development deployment.
     */
    public List<String> args() {
        List<String> args =
                new ArrayList<>(List.of(NAME, "--secrets-dir", admin.secretsDir(), "--namespace", admin.namespace()));
        if (admin.environment() == Environment.DEVELOPMENT) {
            args.addAll(List.of("--environment", Environment.DEVELOPMENT.name()));
        }
        return List.copyOf(args);
    }

    /** Returns the Job as a Kubernetes manifest. */
    public String yaml() {
        return Render.migrateJob(this);
    }

    private static RoutingException invalid(String message) {
        return RoutingException.of(ErrorCode.INVALID_CONFIGURATION, message);
    }

    private static String quoted(String value) {
        return dev.approuting.core.support.Text.quote(value);
    }
}
