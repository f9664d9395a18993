package dev.approuting.flyway.internal.cli;

import dev.approuting.core.DbName;
import dev.approuting.flyway.DevSetup;
import dev.approuting.flyway.DevSetupReport;
import dev.approuting.flyway.provision.InitDbResult;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
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

    @Option(
            names = "--password",
            paramLabel = "PASSWORD",
            defaultValue = "${env:PGPASSWORD}",
            description = "Its password (default: the PGPASSWORD variable).")
    @Nullable
    String password;

    @Option(
            names = "--parallel",
            paramLabel = "N",
            description = "Databases migrated at once (default: the number of processors).")
    int parallel = Runtime.getRuntime().availableProcessors();

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

    DevSetupCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        DevSetup setup = DevSetup.configure(context.registry())
                .superuser(url, user, password == null ? "" : password)
                .parallelism(parallel)
                .listener(Human.progress(context.out(), false));
        Path secrets = withRoles;
        if (secrets != null) {
            setup.withRoles(secrets, namespace);
        }
        DevSetupReport report = setup.run();
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
}
