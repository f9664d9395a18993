package dev.approuting.flyway.internal.provision;

import dev.approuting.core.DbCredentials;
import dev.approuting.core.DbName;
import dev.approuting.flyway.provision.InitDbResult.Outcome;
import java.util.Optional;

/**
 * The namespaces' {@code Secret}s in a Kubernetes cluster. An interface so that provisioning loads the
 * (optional) Kubernetes client only when asked to apply secrets.
 */
public interface ClusterSecrets {
    /**
     * Returns the credentials in the secret {@code {namespace}-db-{db}-creds}, if the cluster has it
     * with the key {@code creds.json}.
     *
     * @throws dev.approuting.core.RoutingException when the cluster cannot be read or the secret is malformed
     */
    Optional<DbCredentials> read(DbName db, String namespace);

    /**
     * Creates or updates the secret {@code {namespace}-db-{db}-creds} to hold {@code credentials}.
     *
     * @return {@link Outcome#PRESENT} when it already held them, else CREATED or CHANGED
     * @throws dev.approuting.core.RoutingException when the cluster refuses the change
     */
    Outcome apply(DbName db, String namespace, DbCredentials credentials);

    /** Returns where the secrets are, for messages, such as {@code the cluster at https://…}. */
    String describe();
}
