/** Implementation of the admin page: probes, snapshots and their HTML, JSON and Prometheus views. Not an API. */
@NullMarked
package dev.approuting.admin.internal;

import org.jspecify.annotations.NullMarked;
