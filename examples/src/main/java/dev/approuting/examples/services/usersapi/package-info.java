/** The {@code users/api} service. */
@NullMarked
package dev.approuting.examples.services.usersapi;

import org.jspecify.annotations.NullMarked;
