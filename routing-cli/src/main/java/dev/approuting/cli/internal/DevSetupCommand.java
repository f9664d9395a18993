package dev.approuting.cli.internal;

import dev.approuting.core.DbName;
import dev.approuting.core.ErrorCode;
import dev.approuting.core.RoutingException;
import dev.approuting.core.support.Connections;
import dev.approuting.flyway.DevSetup;
import dev.approuting.flyway.DevSetupReport;
import dev.approuting.flyway.MigrateAll;
import dev.approuting.flyway.provision.InitDbResult;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code routing dev-setup}: creates the missing databases of a development server, then migrates them. */
@Command(
        name = "dev-setup",
        mixinStandardHelpOptions = true,
        description = {
            "On a development server, create every missing logical database of the development admin view",
            "(dev-only ones included), then migrate all of them. Idempotent, never drops or alters anything."
        })
final class DevSetupCommand implements Callable<Integer> {
    /** The environment variable holding the password when no option names one. */
    static final String DEFAULT_PASSWORD_VARIABLE = "PGPASSWORD";

    private final CliContext context;

    @Option(
            names = "--url",
            required = true,
            paramLabel = "JDBC_URL",
            description =
                    "The server, as a JDBC URL to an existing database: jdbc:postgresql://localhost:5432/postgres.")
    String url = "";

    @Option(
            names = "--user",
            paramLabel = "USER",
            description = "A role that may create databases (default: ${DEFAULT-VALUE}).")
    String user = "postgres";

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    @Nullable
    Password password;

    @Option(
            names = "--parallel",
            paramLabel = "N",
            description = "Databases migrated at once (default: ${DEFAULT-VALUE}).")
    int parallel = MigrateAll.DEFAULT_PARALLELISM;

    @Option(
            names = "--with-roles",
            paramLabel = "SECRETS_DIR",
            description = {
                "Provision each database as init-db does in production (owner role, login role) and write",
                "the secrets to SECRETS_DIR; migrate through them, so development has production's privileges."
            })
    @Nullable
    Path withRoles;

    @Option(
            names = "--namespace",
            paramLabel = "NS",
            description = "Namespace of the secrets written by --with-roles (default: ${DEFAULT-VALUE}).")
    String namespace = "dev";

    /** Where the password comes from: one of a file, an environment variable or the flag's value. */
    static final class Password {
        @Option(
                names = "--password-file",
                paramLabel = "FILE",
                description = "File holding the password (a trailing newline is ignored).")
        @Nullable
        Path file;

        @Option(
                names = "--password-env",
                paramLabel = "VARIABLE",
                description = "Environment variable holding the password (default: " + DEFAULT_PASSWORD_VARIABLE
                        + ", else none).")
        @Nullable
        String variable;

        @Option(
                names = "--password",
                paramLabel = "PASSWORD",
                description = "The password itself; other users of the machine can read it in the process list"
                        + " (ps), so prefer --password-file or --password-env.")
        @Nullable
        String value;
    }

    DevSetupCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        UrlOptions.warnAboutPassword(
                context.err(),
                "--url",
                url,
                "leave it out and use --password-file, --password-env or " + DEFAULT_PASSWORD_VARIABLE);
        String secret = password();
        DevSetup.Builder setup = DevSetup.configure(context.registry())
                .superuser(url, user, secret)
                .parallelism(parallel)
                .listener(Human.progress(context.out(), false));
        Path secrets = withRoles;
        if (secrets != null) {
            setup.withRoles(secrets, namespace);
        }
        DevSetupReport report;
        try {
            report = setup.load().run();
        } catch (RoutingException e) {
            if (secret.isEmpty() && asksForAPassword(e)) {
                throw RoutingException.of(
                        ErrorCode.INVALID_CONFIGURATION,
                        "dev-setup: the server at " + Connections.redacted(url) + " asks user '" + user
                                + "' for a password and none was"
                                + " given: pass --password-file FILE, or --password-env VARIABLE, or export "
                                + DEFAULT_PASSWORD_VARIABLE + " (--password VALUE works too, but shows it in the"
                                + " process list)",
                        e);
            }
            throw e;
        }
        for (InitDbResult provisioned : report.provisioning()) {
            if (!provisioned.created().isEmpty()) {
                Human.line(
                        context.out(),
                        "dev-setup: " + provisioned.db() + ": created " + String.join(", ", provisioned.created()));
            }
        }
        if (!report.created().isEmpty()) {
            Human.line(
                    context.out(),
                    "dev-setup: created "
                            + report.created().stream().map(DbName::value).collect(Collectors.joining(", ")));
        }
        Human.summary(context.out(), report.migration());
        if (report.success() && !report.changed()) {
            Human.line(
                    context.out(),
                    "dev-setup: nothing changed, all " + report.existing().size()
                            + " databases exist and are up to date");
        }
        return report.success() ? CliContext.OK : CliContext.FAILED;
    }

    /** Returns whether {@code failure} comes from a server that asked for a password the driver did not have. */
    private static boolean asksForAPassword(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql
                    && ("08004".equals(sql.getSQLState())
                            || String.valueOf(sql.getMessage()).contains("no password was provided"))) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    private String password() {
        Password given = password;
        if (given == null) {
            return context.environment().getOrDefault(DEFAULT_PASSWORD_VARIABLE, "");
        }
        if (given.value != null) {
            return given.value;
        }
        Path file = given.file;
        if (file != null) {
            return CommandLines.passwordFromFile(file, "--password-file");
        }
        String variable = String.valueOf(given.variable);
        String value = context.environment().get(variable);
        if (value == null) {
            throw RoutingException.of(
                    ErrorCode.INVALID_CONFIGURATION,
                    "--password-env " + variable + " names an environment variable that is not set: export it, or"
                            + " pass --password-file FILE");
        }
        return value;
    }
}
