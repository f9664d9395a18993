package dev.approuting.flyway.spi;

import dev.approuting.core.DbCredentials;
import dev.approuting.core.DbName;
import dev.approuting.flyway.provision.InitDbResult.Outcome;
import java.util.Optional;

/**
 * Where {@link dev.approuting.flyway.provision.DatabaseProvisioner} keeps the secret of each namespace
 * besides the secrets directory: usually a Kubernetes cluster (routing-cli implements this interface with
 * the Kubernetes client, behind {@code init-db --apply-to-cluster}), or any store a platform team uses.
 * Provisioning writes each produced credential here and reads existing ones back, so a re-run needs
 * nothing but the store.
 *
 * <pre>{@code
 * DatabaseProvisioner.configure(adminUrl, "postgres", adminPassword)
 *         .secretStore(myVaultStore)
 *         .load()
 *         .initDb(DbName.of("users"), "prod");
 * }</pre>
 */
public interface SecretStore {
    /**
     * Returns the credentials in the secret {@code {namespace}-db-{db}-creds}, if the store has it
     * with the key {@code creds.json}.
     *
     * @throws dev.approuting.core.RoutingException when the store cannot be read or the secret is malformed
     */
    Optional<DbCredentials> read(DbName db, String namespace);

    /**
     * Creates or updates the secret {@code {namespace}-db-{db}-creds} to hold {@code credentials}.
     *
     * @return {@link Outcome#PRESENT} when it already held them, else CREATED or CHANGED
     * @throws dev.approuting.core.RoutingException when the store refuses the change
     */
    Outcome apply(DbName db, String namespace, DbCredentials credentials);

    /** Returns where the secrets are, for messages, such as {@code the cluster at https://…}. */
    String describe();
}
