/**
 * The read-only admin page and health endpoints over every logical database of a registry: an
 * embeddable HTTP server ({@link dev.approuting.admin.AdminServer}) behind the
 * {@code routing admin} command.
 */
@NullMarked
package dev.approuting.admin;

import org.jspecify.annotations.NullMarked;
