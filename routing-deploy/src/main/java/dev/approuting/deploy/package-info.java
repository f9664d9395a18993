/**
 * Deployment derived from the registry, and checked against it: each service's databases and the
 * secret volumes it mounts, as Helm values or a Kubernetes Deployment patch
 * ({@link dev.approuting.deploy.DeploymentConfig}); the migrate-all Job
 * ({@link dev.approuting.deploy.MigrateJob}); the check of deployment files against the registry
 * ({@link dev.approuting.deploy.DeployCheck}); and the access check a service's pod runs with its own
 * secrets ({@link dev.approuting.deploy.AccessCheck}).
 */
@NullMarked
package dev.approuting.deploy;

import org.jspecify.annotations.NullMarked;
