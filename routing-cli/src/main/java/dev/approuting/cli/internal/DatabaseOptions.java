package dev.approuting.cli.internal;

import dev.approuting.core.CredentialsSource;
import dev.approuting.core.DbName;
import dev.approuting.core.ErrorCode;
import dev.approuting.core.RoutingException;
import dev.approuting.flyway.MigrateAll;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The options of commands that work on the registry's databases: which ones, credentials ({@link CredentialOptions}), parallelism. */
public final class DatabaseOptions {
    @Option(
            names = "--db",
            paramLabel = "DB",
            split = ",",
            description = "Only these logical databases (repeat or separate with commas; default: all).")
    @Nullable
    List<String> dbs;

    @Mixin
    CredentialOptions login = new CredentialOptions();

    @Mixin
    EnvironmentOption environment = new EnvironmentOption();

    @Option(
            names = "--parallel",
            paramLabel = "N",
            description = "Databases worked on at once, each with its own connections (default: ${DEFAULT-VALUE}).")
    int parallel = MigrateAll.DEFAULT_PARALLELISM;

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
                .environment(environment.environment)
                .credentials(credentials(context.environment()))
                .databases(chosen())
                .parallelism(parallel);
        migrateAll.load().view();
        return migrateAll;
    }

    /**
     * Returns the credentials of {@code --namespace} and {@code --secrets-dir} (see {@link CredentialOptions}).
     *
     * @throws RoutingException with {@link ErrorCode#INVALID_CONFIGURATION} when no namespace is given
     */
    CredentialsSource credentials(Map<String, String> variables) {
        return login.credentials(variables);
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
