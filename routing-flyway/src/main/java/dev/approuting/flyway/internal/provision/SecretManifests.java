package dev.approuting.flyway.internal.provision;

import dev.approuting.core.CredentialsSource;
import dev.approuting.core.DbCredentials;
import dev.approuting.core.DbName;

/** Renders a namespace's credentials as a Kubernetes {@code Secret} manifest. */
public final class SecretManifests {
    private SecretManifests() {}

    /**
     * Returns the {@code Secret} {@code {namespace}-db-{db}-creds} in {@code namespace}, with the
     * secret JSON under {@code stringData.creds.json} (a literal block, so the JSON needs no escaping).
     */
    public static String render(String namespace, DbName db, DbCredentials credentials) {
        return render(CredentialsSource.secretName(namespace, db), namespace, db, credentials);
    }

    /** Returns the {@code Secret} {@code name} in {@code namespace}, laid out as the writer's secret. */
    public static String render(String name, String namespace, DbName db, DbCredentials credentials) {
        StringBuilder yaml = new StringBuilder()
                .append("apiVersion: v1\n")
                .append("kind: Secret\n")
                .append("metadata:\n")
                .append("  name: ")
                .append(name)
                .append('\n')
                .append("  namespace: ")
                .append(namespace)
                .append('\n')
                .append("  labels:\n")
                .append("    app.kubernetes.io/managed-by: approuting\n")
                .append("    approuting.dev/database: ")
                .append(db)
                .append('\n')
                .append("type: Opaque\n")
                .append("stringData:\n")
                .append("  ")
                .append(CredentialsSource.SECRET_KEY)
                .append(": |\n");
        credentials
                .toSecretJson()
                .lines()
                .forEach(line -> yaml.append("    ").append(line).append('\n'));
        return yaml.toString();
    }
}
