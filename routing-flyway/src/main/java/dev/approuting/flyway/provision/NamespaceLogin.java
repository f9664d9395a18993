package dev.approuting.flyway.provision;

import dev.approuting.core.CredentialsSource;
import dev.approuting.core.DbCredentials;
import dev.approuting.core.DbName;
import dev.approuting.flyway.internal.provision.SecretManifests;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The login of one Kubernetes namespace to one logical database: its current login role and the
 * credentials stored in the namespace's secret {@code {namespace}-db-{db}-creds}.
 *
 * <p>{@link #toString()} masks the password (see {@link DbCredentials#toString()}).
 *
 * @param namespace the Kubernetes namespace
 * @param db the logical database
 * @param role the current login role, {@code {db}_{namespace}_{NNNN}} with {@code -} as {@code _}
 * @param credentials the credentials the secret holds ({@code set_role} is the owner role)
 * @param newPassword whether this run made a new password (a new login role) rather than keeping one
 * @param retiredRoles older login roles of the namespace dropped by this run
 * @param check the connection check, when one was asked for
 * @param reader whether this is the namespace's read-only login ({@code {db}_{namespace}_reader_{NNNN}},
 *     secret {@code {namespace}-db-{db}-reader-creds}) rather than its writer login
 */
public record NamespaceLogin(
        String namespace,
        DbName db,
        String role,
        DbCredentials credentials,
        boolean newPassword,
        List<String> retiredRoles,
        @Nullable ConnectionCheck check,
        boolean reader) {

    /** Copies the list. */
    public NamespaceLogin {
        retiredRoles = List.copyOf(retiredRoles);
    }

    /** A writer login ({@code reader} false). */
    public NamespaceLogin(
            String namespace,
            DbName db,
            String role,
            DbCredentials credentials,
            boolean newPassword,
            List<String> retiredRoles,
            @Nullable ConnectionCheck check) {
        this(namespace, db, role, credentials, newPassword, retiredRoles, check, false);
    }

    /**
     * Returns the Kubernetes secret name, {@code {namespace}-db-{db}-creds}, or for a reader
     * {@code {namespace}-db-{db}-reader-creds}.
     */
    public String secretName() {
        return reader ? CredentialsSource.readerSecretName(namespace, db) : CredentialsSource.secretName(namespace, db);
    }

    /** Returns the connection check, when one was asked for. */
    public Optional<ConnectionCheck> checkResult() {
        return Optional.ofNullable(check);
    }

    /**
     * Returns the Kubernetes {@code Secret} manifest (YAML) of this login: {@link #secretName()} in
     * {@link #namespace()}, with the secret JSON under {@code stringData.creds.json}. It holds the
     * password: write it only where secrets belong.
     */
    public String manifestYaml() {
        return SecretManifests.render(secretName(), namespace, db, credentials);
    }
}
