package dev.approuting.cli.internal;

import static dev.approuting.cli.internal.CommandLines.ifGiven;

import dev.approuting.core.AppName;
import dev.approuting.core.DbName;
import dev.approuting.core.DbRouterRegistry;
import dev.approuting.core.Environment;
import dev.approuting.core.ErrorCode;
import dev.approuting.core.RoutingException;
import dev.approuting.flyway.provision.DatabaseProvisioner;
import dev.approuting.flyway.provision.InitDbResult;
import dev.approuting.flyway.provision.NamespaceLogin;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code routing init-db}: provisions a logical database with its owner role and one login role per
 * namespace, and writes their secrets. See {@link DatabaseProvisioner}.
 *
 * <p>Exit codes: 0 done, 1 provisioning or a connection check failed, 2 bad input.
 */
@Command(
        name = "init-db",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Creates a logical database (if missing), its owner role <db>_owner (NOLOGIN) and one login role"
                    + " <db>_<namespace>_<NNNN> per namespace ('-' in a namespace becomes '_'), and writes each"
                    + " namespace's secret <namespace>-db-<db>-creds.",
            "Idempotent: a second run creates nothing and keeps the password it reads back from --secrets-dir"
                    + " or, with --apply-to-cluster, from the cluster's Secret.",
            "Rotation: --rotate makes the next login role with a new password; old roles keep working until"
                    + " --retire-old.",
            "Runs at once take turns (an advisory lock per database). Every secrets target is checked writable"
                    + " before any change; a new role is committed only after its secret is written (fsynced), and"
                    + " secret files or directories that another user owns or may write are refused. A failed run"
                    + " says what it already did."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:done", "1:provisioning or a connection check failed", "2:bad input"})
public final class InitDbCommand implements Callable<Integer> {
    /** The environment variable holding the admin password unless told otherwise. */
    public static final String DEFAULT_PASSWORD_VARIABLE = "ROUTING_ADMIN_PASSWORD";

    private final PrintWriter out;
    private final Supplier<Optional<DbRouterRegistry>> registry;
    private final Map<String, String> environment;
    private final ClusterApply cluster;

    @Spec
    @SuppressWarnings("NullAway.Init") // injected by picocli before call()
    private CommandSpec spec;

    @Option(
            names = "--admin-url",
            required = true,
            paramLabel = "URL",
            description = "JDBC URL of the server, such as jdbc:postgresql://db.example.com:5432/postgres.")
    private String adminUrl = "";

    @Option(
            names = "--admin-user",
            required = true,
            paramLabel = "USER",
            description = "A superuser, or the RDS/Aurora master user.")
    private String adminUser = "";

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    private @Nullable AdminPassword adminPassword;

    @Option(names = "--db", required = true, paramLabel = "NAME", description = "The logical database.")
    private String db = "";

    @Option(
            names = "--namespace",
            required = true,
            paramLabel = "NS",
            description = "A Kubernetes namespace whose services use the database; repeat for several.")
    private List<String> namespaces = new ArrayList<>();

    @Option(
            names = "--app",
            paramLabel = "APP",
            description = "An app whose schema the owner role owns; repeat for several. Default: the database's"
                    + " apps in the registry, when the command has one.")
    private List<String> apps = new ArrayList<>();

    @Option(
            names = "--secrets-dir",
            paramLabel = "DIR",
            description = "Write secrets as <DIR>/<namespace>-db-<db>-creds/creds.json (the layout services"
                    + " mount), and read existing passwords back from there.")
    private @Nullable Path secretsDir;

    @Option(
            names = "--manifests-dir",
            paramLabel = "DIR",
            description = "Write Kubernetes Secret manifests as <DIR>/<namespace>-db-<db>-creds.yaml.")
    private @Nullable Path manifestsDir;

    @Option(
            names = "--manifests-stdout",
            description = "Print the Secret manifests (they hold the passwords) for `kubectl apply -f -`;"
                    + " the report is then printed as YAML comments.")
    private boolean manifestsStdout;

    @Option(
            names = "--apply-to-cluster",
            description = "Create or update the Secrets in the cluster of the current kubeconfig context (or the"
                    + " pod's service account), and read existing passwords back from there. Needs"
                    + " io.fabric8:kubernetes-client and kubernetes-httpclient-jdk on the class path (routing.jar"
                    + " has them).")
    private boolean applyToCluster;

    @Option(
            names = "--secret-host",
            paramLabel = "HOST",
            description = "Host written into the secrets (default: the admin URL's host).")
    private @Nullable String secretHost;

    @Option(
            names = "--secret-port",
            paramLabel = "PORT",
            description = "Port written into the secrets (default: the admin URL's port).")
    private @Nullable Integer secretPort;

    @Option(
            names = "--connection-limit",
            paramLabel = "N",
            description = "Connection limit of each login role (default: ${DEFAULT-VALUE}).",
            defaultValue = "" + DatabaseProvisioner.DEFAULT_CONNECTION_LIMIT)
    private int connectionLimit = DatabaseProvisioner.DEFAULT_CONNECTION_LIMIT;

    @Option(names = "--rotate", description = "Create the next login role with a new password in each namespace.")
    private boolean rotate;

    @Option(
            names = "--revoke-connect-on-postgres",
            description = {
                "Also revoke CONNECT on the server's 'postgres' database from PUBLIC, so login roles reach only",
                "their own database (default: left as the server has it; every server grants it to PUBLIC)."
            })
    private boolean revokeConnectOnPostgres;

    @Option(
            names = "--retire-old",
            description = "Drop login roles older than the current one; refused while they have sessions.")
    private boolean retireOld;

    @Option(names = "--terminate-sessions", description = "Let --retire-old terminate the old roles' sessions.")
    private boolean terminateSessions;

    @Option(
            names = "--reader",
            description = {
                "Also provision a read-only login per namespace: role <db>_reader (NOLOGIN) gets USAGE on the apps'",
                "schemas and SELECT on their tables, now and later; login <db>_<namespace>_reader_<NNNN> inherits it;",
                "its secret is <namespace>-db-<db>-reader-creds (written to --secrets-dir and --manifests-dir only),",
                "rotated and retired with the writer's."
            })
    private boolean reader;

    @Option(
            names = "--restore-from-secret",
            description = {
                "Create a login role that no longer exists again with the password its existing secret holds",
                "(refused without this flag). Secrets are read only from files and directories you own and",
                "nobody else may write."
            })
    private boolean restoreFromSecret;

    @Option(
            names = "--check-connection",
            description = "Log in with each produced credential, SET ROLE, create and drop a temporary table.")
    private boolean checkConnection;

    @Option(
            names = "--grant-owner-to-admin",
            description = "Grant the owner role to the admin user (needed on RDS/Aurora).")
    private boolean grantOwnerToAdmin;

    @Option(names = "--show-secret", description = "Print the passwords in the report.")
    private boolean showSecret;

    /** Where the admin password comes from: a file or an environment variable, not both. */
    static final class AdminPassword {
        @Option(
                names = "--admin-password-file",
                paramLabel = "FILE",
                description = "File holding the admin password (a trailing newline is ignored).")
        private @Nullable Path file;

        @Option(
                names = "--admin-password-env",
                paramLabel = "VARIABLE",
                description =
                        "Environment variable holding the admin password (default: " + DEFAULT_PASSWORD_VARIABLE + ").")
        private @Nullable String variable;
    }

    /**
     * Creates the command writing to {@code out}. Without {@code --app}, the apps of the database come
     * from the admin view of the registry {@code registry} supplies (asked only then, after the command
     * line is parsed), and a database the registry lacks is refused as a likely typo. The admin password
     * and the cluster's configuration are read from {@code environment}.
     */
    public InitDbCommand(
            PrintWriter out, Supplier<Optional<DbRouterRegistry>> registry, Map<String, String> environment) {
        this(out, registry, environment, ClusterApply.defaultCluster(environment));
    }

    InitDbCommand(
            PrintWriter out,
            Supplier<Optional<DbRouterRegistry>> registry,
            Map<String, String> environment,
            ClusterApply cluster) {
        this.out = out;
        this.registry = registry;
        this.environment = Map.copyOf(environment);
        this.cluster = cluster;
    }

    @Override
    public Integer call() {
        try {
            return run();
        } catch (RoutingException e) {
            PrintWriter err = spec.commandLine().getErr();
            err.println("error: " + CommandLines.withFlags(String.valueOf(e.getMessage())));
            err.flush();
            out.flush();
            return CommandLines.exitCode(e);
        }
    }

    private int run() {
        UrlOptions.warnAboutPassword(
                spec.commandLine().getErr(),
                "--admin-url",
                adminUrl,
                "leave it out and use --admin-password-file, --admin-password-env or " + DEFAULT_PASSWORD_VARIABLE);
        DbName name = DbName.of(db);
        List<AppName> appNames = apps.isEmpty()
                ? registryApps(name)
                : apps.stream().map(AppName::of).toList();
        DatabaseProvisioner.Builder provisioner = DatabaseProvisioner.configure(adminUrl, adminUser, adminPassword())
                .apps(appNames)
                .connectionLimit(connectionLimit)
                .grantOwnerToAdmin(grantOwnerToAdmin)
                .rotate(rotate)
                .revokeConnectOnPostgres(revokeConnectOnPostgres)
                .retireOld(retireOld)
                .terminateSessions(terminateSessions)
                .reader(reader)
                .restoreFromSecret(restoreFromSecret)
                .checkConnection(checkConnection);
        ifGiven(secretsDir, provisioner::secretsDir);
        ifGiven(manifestsDir, provisioner::manifestsDir);
        ifGiven(secretHost, provisioner::secretHost);
        ifGiven(secretPort, provisioner::secretPort);
        InitDbResult result = applyToCluster
                ? cluster.initDb(provisioner, name, namespaces)
                : provisioner.load().initDb(name, namespaces);
        report(result);
        out.flush();
        return result.checksPassed() ? 0 : 1;
    }

    private void report(InitDbResult result) {
        String prefix = manifestsStdout ? "# " : "";
        out.println(prefix + "database " + result.db() + " (owner role " + result.ownerRole() + ")"
                + (result.changedNothing() ? ": nothing to change" : ""));
        for (InitDbResult.Step step : result.steps()) {
            out.println(prefix
                    + String.format(
                            "  %-8s %s", step.outcome().name().toLowerCase(java.util.Locale.ROOT), step.subject()));
        }
        for (NamespaceLogin login : java.util.stream.Stream.concat(result.logins().stream(), result.readers().stream())
                .toList()) {
            out.println(prefix + "namespace " + login.namespace() + ": " + (login.reader() ? "reader " : "")
                    + "login role " + login.role() + ", secret " + login.secretName()
                    + (login.newPassword() ? " (new password)" : " (password kept)"));
            out.println(prefix + "  password: "
                    + (showSecret ? login.credentials().password() : "**** (--show-secret prints it)"));
            login.checkResult()
                    .ifPresent(check -> out.println(prefix + "  check: " + (check.ok() ? "ok, " : "FAILED, ")
                            + check.message() + " (" + check.took().toMillis() + " ms)"));
        }
        if (manifestsStdout) {
            for (NamespaceLogin login : java.util.stream.Stream.concat(
                            result.logins().stream(), result.readers().stream())
                    .toList()) {
                out.println("---");
                out.print(login.manifestYaml());
            }
        }
    }

    private List<AppName> registryApps(DbName name) {
        return registry.get()
                .map(r -> r.adminView(Environment.DEVELOPMENT).require(name).apps())
                .orElse(List.of());
    }

    private String adminPassword() {
        AdminPassword given = adminPassword;
        Path file = given == null ? null : given.file;
        if (file != null) {
            return CommandLines.passwordFromFile(file, "--admin-password-file");
        }
        String variable = given == null || given.variable == null ? DEFAULT_PASSWORD_VARIABLE : given.variable;
        String password = environment.get(variable);
        if (password == null) {
            throw RoutingException.of(
                    ErrorCode.INVALID_CONFIGURATION,
                    "no admin password: set the environment variable " + variable
                            + " or pass --admin-password-file FILE (a password is never taken as a flag value)");
        }
        return password;
    }
}
