package dev.approuting.deploy;

import dev.approuting.core.DbName;

/**
 * How a pod mounts the secret of one logical database: the whole secret as a volume, in the directory
 * {@code CredentialsSource.mountedSecrets(dir, namespace)} reads. A whole-secret mount is updated in place
 * when the secret changes, so a rotated password reaches running pools; a {@code subPath} mount or an
 * environment variable never changes after the pod starts (kubernetes/kubernetes#50345).
 *
 * @param db the logical database
 * @param secretName its secret, {@code {namespace}-db-{db}-creds}
 * @param volumeName the pod volume holding it, {@code db-{db}} ({@code _} as {@code -})
 * @param mountPath where it is mounted, {@code {secretsDir}/{secretName}}
 */
public record SecretMount(DbName db, String secretName, String volumeName, String mountPath) {}
