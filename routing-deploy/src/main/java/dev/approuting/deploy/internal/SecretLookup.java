package dev.approuting.deploy.internal;

import dev.approuting.core.CredentialsSource;
import dev.approuting.core.DbName;
import dev.approuting.core.ErrorCode;
import dev.approuting.core.RoutingException;
import dev.approuting.flyway.spi.SecretStore;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Says whether the secret of a database exists in a namespace: in a secrets directory or a secret store. */
public interface SecretLookup {
    /**
     * Returns what is wrong with the secret of {@code db} in {@code namespace} (it does not exist, or cannot
     * be used), or empty when it holds credentials.
     */
    Optional<String> problem(DbName db, String namespace);

    /** Looks in {@code dir}, laid out as {@link CredentialsSource#mountedSecrets} reads it. */
    static SecretLookup directory(Path dir) {
        return (db, namespace) -> {
            CredentialsSource source = CredentialsSource.mountedSecrets(dir, namespace);
            try {
                return source.find(db).isPresent()
                        ? Optional.empty()
                        : Optional.of("does not exist (looked in " + source.describe(db) + ")");
            } catch (RoutingException e) {
                return Optional.of("cannot be used: " + e.getMessage());
            }
        };
    }

    /** Looks in {@code store}, such as a Kubernetes cluster. */
    static SecretLookup store(SecretStore store) {
        return (db, namespace) -> {
            try {
                return store.read(db, namespace).isPresent()
                        ? Optional.empty()
                        : Optional.of("does not exist in " + store.describe());
            } catch (RoutingException e) {
                if (e.code() == ErrorCode.INVALID_CREDENTIALS) {
                    return Optional.of("cannot be used: " + e.getMessage());
                }
                throw e;
            }
        };
    }

    /** Returns a lookup that asks {@code lookup} once per database and namespace, for one run of a check. */
    static SecretLookup cached(SecretLookup lookup) {
        Map<String, Optional<String>> seen = new HashMap<>();
        return (db, namespace) -> {
            synchronized (seen) {
                return seen.computeIfAbsent(namespace + "/" + db, key -> lookup.problem(db, namespace));
            }
        };
    }
}
