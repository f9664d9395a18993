package dev.approuting.flyway.internal.cli;

import dev.approuting.core.CredentialsSource;
import dev.approuting.core.DbName;
import dev.approuting.core.Environment;
import dev.approuting.core.ErrorCode;
import dev.approuting.core.RoutingException;
import dev.approuting.flyway.MigrateAll;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/** The options of commands that work on the registry's databases: which ones, credentials, parallelism. */
public final class DatabaseOptions {
    @Option(
            names = "--db",
            paramLabel = "DB",
            split = ",",
            description = "Only these logical databases (repeat or separate with commas; default: all).")
    @Nullable
    List<String> dbs;

    @Option(
            names = "--secrets-dir",
            paramLabel = "DIR",
            defaultValue = "${env:ROUTING_SECRETS_DIR}",
            description = "Directory of mounted secrets {namespace}-db-{db}-creds (env ROUTING_SECRETS_DIR).")
    @Nullable
    Path secretsDir;

    @Option(
            names = "--namespace",
            paramLabel = "NS",
            defaultValue = "${env:ROUTING_NAMESPACE}",
            description = "Secret namespace; also reads variables {NS}_DB_{DB}_CREDS (env ROUTING_NAMESPACE).")
    @Nullable
    String namespace;

    @Option(
            names = "--environment",
            paramLabel = "ENV",
            defaultValue = "PRODUCTION",
            description =
                    "PRODUCTION leaves dev-only databases out; DEVELOPMENT includes them (default: ${DEFAULT-VALUE}).")
    Environment environment = Environment.PRODUCTION;

    @Option(
            names = "--parallel",
            paramLabel = "N",
            description = "Databases worked on at once (default: the number of processors).")
    int parallel = Runtime.getRuntime().availableProcessors();

    /**
     * Returns a {@link MigrateAll} over the registry with these options.
     *
     * @throws RoutingException with {@link ErrorCode#INVALID_CONFIGURATION} when no namespace is given
     */
    MigrateAll configure(CliContext context) {
        String ns = namespace;
        if (ns == null || ns.isBlank()) {
            throw new RoutingException(
                    ErrorCode.INVALID_CONFIGURATION,
                    "no credentials: give --namespace NS (with --secrets-dir DIR for mounted secrets, or variables"
                            + " {NS}_DB_{DB}_CREDS in the environment)");
        }
        Path dir = secretsDir;
        CredentialsSource credentials = dir == null
                ? CredentialsSource.environment(ns)
                : CredentialsSource.firstOf(
                        CredentialsSource.mountedSecrets(dir, ns), CredentialsSource.environment(ns));
        List<DbName> chosen = new ArrayList<>();
        if (dbs != null) {
            // A blank entry (an unset shell variable, a stray comma) is an error, not "every database".
            dbs.stream().map(String::strip).map(DbName::of).forEach(chosen::add);
        }
        return MigrateAll.configure(context.registry())
                .environment(environment)
                .credentials(credentials)
                .databases(chosen)
                .parallelism(parallel);
    }
}
