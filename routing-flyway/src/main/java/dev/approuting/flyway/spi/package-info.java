/**
 * Extension points of routing-flyway: {@link dev.approuting.flyway.spi.SecretStore}, where provisioning
 * writes the secrets it creates and reads existing ones back (routing-cli implements it for Kubernetes).
 */
@NullMarked
package dev.approuting.flyway.spi;

import org.jspecify.annotations.NullMarked;
