/** Implementation of provisioning ({@code init-db}). Not an API: it may change in any release. */
@NullMarked
package dev.approuting.flyway.internal.provision;

import org.jspecify.annotations.NullMarked;
