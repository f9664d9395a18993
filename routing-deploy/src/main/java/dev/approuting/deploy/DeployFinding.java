package dev.approuting.deploy;

import dev.approuting.core.DbName;
import dev.approuting.core.ServiceName;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * One way a deployment file disagrees with the registry, or deploys a database unsafely: where, for which
 * service and database, and what to do.
 *
 * @param kind what is wrong
 * @param service the service the deployment is for, when the file names a known one
 * @param file the deployment file
 * @param line the line in it, 1-based
 * @param db the logical database concerned, if one is
 * @param message what is wrong, naming the service and database, and what to do
 */
public record DeployFinding(
        Kind kind,
        @Nullable ServiceName service,
        Path file,
        int line,
        @Nullable DbName db,
        String message) {

    /** What is wrong. */
    public enum Kind {
        /** The file is not YAML (or not UTF-8, or cannot be read). */
        MALFORMED_FILE,
        /** The file names a service the registry does not know. */
        UNKNOWN_SERVICE,
        /** The file deploys database secrets but names no service, so it cannot be checked. */
        NO_SERVICE,
        /** The file's database list lacks a database the registry declares for the service. */
        DATABASE_NOT_LISTED,
        /** The file lists a database the service does not declare in the registry. */
        DATABASE_NOT_DECLARED,
        /** The file names a database no router of the registry fills. */
        UNKNOWN_DATABASE,
        /** A production deployment lists a database that exists only in development. */
        DEV_ONLY_IN_PRODUCTION,
        /** A declared database's secret is not mounted. */
        SECRET_NOT_MOUNTED,
        /** The secret of a database the service does not declare is mounted, so the pod could reach it. */
        UNDECLARED_SECRET_MOUNTED,
        /** A secret of another namespace is mounted. */
        WRONG_NAMESPACE,
        /** A secret is mounted with {@code subPath}, which Kubernetes never updates after a rotation. */
        SUBPATH_MOUNT,
        /** A secret is mounted where the credentials source does not look. */
        WRONG_MOUNT_PATH,
        /** A secret is read from an environment variable, which never changes after a rotation. */
        SECRET_IN_ENVIRONMENT,
        /** A database is deployed to a namespace where its secret does not exist (yet). */
        SECRET_MISSING,
        /** Neither the file nor the check says which namespace the deployment is for. */
        NO_NAMESPACE
    }

    /** Returns the finding as one line: {@code file:line: message}. */
    public String describe() {
        return file + ":" + line + ": " + message;
    }
}
