/** The {@code oauth} app: access tokens issued to signed-in users. */
@NullMarked
package dev.approuting.examples.oauth;

import org.jspecify.annotations.NullMarked;
