/**
 * Provisioning of logical databases for production and development: the database, its owner role,
 * one login role per Kubernetes namespace with least privileges, the credentials as secrets, and
 * rotation of those credentials without downtime. Start at {@link
 * dev.approuting.flyway.provision.DatabaseProvisioner}.
 */
@NullMarked
package dev.approuting.flyway.provision;

import org.jspecify.annotations.NullMarked;
