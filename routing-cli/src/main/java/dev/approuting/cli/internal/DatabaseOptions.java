package dev.approuting.cli.internal;

import dev.approuting.core.CredentialsSource;
import dev.approuting.core.DbName;
import dev.approuting.core.Environment;
import dev.approuting.core.ErrorCode;
import dev.approuting.core.RoutingException;
import dev.approuting.flyway.MigrateAll;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
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
     * Returns the configuration of a {@link MigrateAll} over the registry with these options. A missing or
     * malformed secret is a problem of its database, reported in its row like any other; the command then
     * exits {@value CommandLines#USAGE} after listing every database (see {@link CommandLines#credentials}).
     *
     * @throws RoutingException with {@link ErrorCode#INVALID_CONFIGURATION} when no namespace is given, or
     *     {@link ErrorCode#UNKNOWN_DATABASE} for a database the admin view lacks
     */
    MigrateAll.Builder configure(CliContext context) {
        MigrateAll.Builder migrateAll = MigrateAll.configure(context.registry())
                .environment(environment)
                .credentials(credentials(context.environment()))
                .databases(chosen())
                .parallelism(parallel);
        migrateAll.load().view();
        return migrateAll;
    }

    /**
     * Returns the credentials of {@code --namespace}: the mounted secrets of {@code --secrets-dir}
     * when given, then the variables {@code {NS}_DB_{DB}_CREDS} of {@code variables}.
     *
     * @throws RoutingException with {@link ErrorCode#INVALID_CONFIGURATION} when no namespace is given
     */
    CredentialsSource credentials(Map<String, String> variables) {
        String ns = namespace;
        if (ns == null || ns.isBlank()) {
            throw RoutingException.of(
                    ErrorCode.INVALID_CONFIGURATION,
                    "no credentials: give --namespace NS (with --secrets-dir DIR for mounted secrets, or variables"
                            + " {NS}_DB_{DB}_CREDS in the environment)");
        }
        Path dir = secretsDir;
        CredentialsSource environmentSource = CredentialsSource.environment(ns, variables);
        return dir == null
                ? environmentSource
                : CredentialsSource.firstOf(CredentialsSource.mountedSecrets(dir, ns), environmentSource);
    }

    /** Returns the databases of {@code --db}, or an empty list for every database. */
    List<DbName> chosen() {
        List<String> names = dbs;
        // A blank entry (an unset shell variable, a stray comma) is an error, not "every database".
        return names == null
                ? List.of()
                : names.stream().map(String::strip).map(DbName::of).toList();
    }
}
