package dev.approuting.core;

import dev.approuting.core.internal.Secrets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where the credentials of each logical database come from: a mounted Kubernetes secrets directory,
 * environment variables, values given in code, or the first of several.
 *
 * <pre>{@code
 * CredentialsSource source = CredentialsSource.firstOf(
 *         CredentialsSource.mountedSecrets(Path.of("/var/run/secrets/db"), "prod"),
 *         CredentialsSource.environment("prod"));
 * }</pre>
 *
 * <p>Sources are read each time they are asked, so a rotated secret reaches new connections without a
 * restart (see {@link RoutedDatabases#reloadCredentials()}).
 */
public interface CredentialsSource {
    /** The file that holds the secret's JSON when a secret is mounted as a directory (the secret's key). */
    String SECRET_KEY = "creds.json";

    /**
     * Returns the credentials of {@code db}, or empty when this source has none for it.
     *
     * @throws RoutingException with {@link ErrorCode#INVALID_CREDENTIALS} when a secret exists but is
     *     unreadable or malformed; the message names the database and the file or variable, never the
     *     password
     */
    Optional<DbCredentials> find(DbName db);

    /** Says where this source looks for the secret of {@code db}, for messages. */
    String describe(DbName db);

    /**
     * Returns the credentials of {@code db}.
     *
     * @throws RoutingException with {@link ErrorCode#INVALID_CREDENTIALS} when they are missing or malformed
     */
    default DbCredentials require(DbName db) {
        return find(db).orElseThrow(() -> RoutingException.forDatabase(
                ErrorCode.INVALID_CREDENTIALS,
                db,
                "no credentials for database '" + db + "': looked in " + describe(db)
                        + ". Create the secret (routing init-db writes it) or point the service at the right source"));
    }

    /**
     * Returns the credentials of the reader (a replica) of {@code db}, or empty when this source has none:
     * then {@link RoutedDatabases#reading(AppName)} reads from the writer. The reader's secret has the same
     * JSON as the writer's; mounted and environment sources find it next to the writer's, as
     * {@code {namespace}-db-{db}-reader-creds} ({@link #readerSecretName}).
     *
     * @throws RoutingException with {@link ErrorCode#INVALID_CREDENTIALS} when a reader secret exists but is
     *     unreadable or malformed
     */
    default Optional<DbCredentials> findReader(DbName db) {
        return Optional.empty();
    }

    /** Says where this source looks for the reader secret of {@code db}, for messages. */
    default String describeReader(DbName db) {
        return "no reader secrets (" + describe(db) + " has none)";
    }

    /**
     * Reads secrets from a directory laid out as Kubernetes mounts them: the secret of {@code db} is
     * {@code dir/{namespace}-db-{db}-creds}, either a file holding the JSON or a directory holding it
     * in {@code creds.json}; the secret of its reader, when it has one, is
     * {@code dir/{namespace}-db-{db}-reader-creds}, laid out the same way.
     *
     * @throws RoutingException with {@link ErrorCode#INVALID_NAME} for a malformed namespace
     */
    static CredentialsSource mountedSecrets(Path dir, String namespace) {
        return Secrets.mounted(dir, namespace);
    }

    /**
     * Reads secrets from environment variables named {@code {NAMESPACE}_DB_{DB}_CREDS} (upper case,
     * {@code -} as {@code _}), each holding the secret JSON; readers from {@code {NAMESPACE}_DB_{DB}_READER_CREDS}.
     *
     * @throws RoutingException with {@link ErrorCode#INVALID_NAME} for a malformed namespace
     */
    static CredentialsSource environment(String namespace) {
        return Secrets.environment(namespace, System.getenv());
    }

    /** Like {@link #environment(String)}, over the given variables instead of the process's. */
    static CredentialsSource environment(String namespace, Map<String, String> variables) {
        return Secrets.environment(namespace, variables);
    }

    /** Returns a source over fixed credentials given in code. */
    static CredentialsSource of(Map<DbName, DbCredentials> credentials) {
        return Secrets.fixed(credentials, Map.of());
    }

    /**
     * Returns a source over fixed credentials given in code, with the readers (replicas) of some databases.
     *
     * <pre>{@code
     * CredentialsSource.of(Map.of(users, writer), Map.of(users, DbCredentials.of("users-replica", 5432, "users", "users_reader", pw)));
     * }</pre>
     */
    static CredentialsSource of(Map<DbName, DbCredentials> credentials, Map<DbName, DbCredentials> readers) {
        return Secrets.fixed(credentials, readers);
    }

    /** Returns a source asking each of {@code sources} in turn until one has the database. */
    static CredentialsSource firstOf(CredentialsSource... sources) {
        return Secrets.firstOf(List.of(sources));
    }

    /** Returns the Kubernetes secret name of {@code db} in {@code namespace}: {@code {namespace}-db-{db}-creds}. */
    static String secretName(String namespace, DbName db) {
        return Secrets.secretName(namespace, db);
    }

    /**
     * Returns the Kubernetes secret name of the reader of {@code db} in {@code namespace}:
     * {@code {namespace}-db-{db}-reader-creds}.
     */
    static String readerSecretName(String namespace, DbName db) {
        return Secrets.readerSecretName(namespace, db);
    }
}
