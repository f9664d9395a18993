package dev.approuting.examples.services;

import dev.approuting.core.CredentialsSource;
import dev.approuting.core.RoutedDatabases;
import dev.approuting.core.ServiceName;
import dev.approuting.examples.routing.CompanyRegistry;
import java.nio.file.Path;

/**
 * How a deployed service finds its databases: secrets mounted in {@code APPROUTING_SECRETS_DIR}
 * (default {@code /var/run/secrets/db}) for namespace {@code APPROUTING_NAMESPACE} (default
 * {@code dev}), else environment variables.
 */
public final class Deployment {
    private Deployment() {}

    /** Returns the credentials source of this deployment. */
    public static CredentialsSource credentials() {
        String dir = System.getenv().getOrDefault("APPROUTING_SECRETS_DIR", "/var/run/secrets/db");
        String namespace = System.getenv().getOrDefault("APPROUTING_NAMESPACE", "dev");
        return CredentialsSource.firstOf(
                CredentialsSource.mountedSecrets(Path.of(dir), namespace), CredentialsSource.environment(namespace));
    }

    /** Opens the databases {@code service} declares in the company registry. */
    public static RoutedDatabases open(ServiceName service, CredentialsSource credentials) {
        return RoutedDatabases.open(CompanyRegistry.build().forService(service), credentials);
    }
}
