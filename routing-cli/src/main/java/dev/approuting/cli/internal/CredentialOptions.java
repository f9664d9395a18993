package dev.approuting.cli.internal;

import dev.approuting.core.CredentialsSource;
import dev.approuting.core.ErrorCode;
import dev.approuting.core.RoutingException;
import java.nio.file.Path;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/** Where a command finds the databases' credentials: a namespace's mounted secrets, then its environment variables. */
public final class CredentialOptions {
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
}
