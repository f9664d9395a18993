/** The {@code users} app: accounts of the people who sign in. */
@NullMarked
package dev.approuting.examples.users;

import org.jspecify.annotations.NullMarked;
