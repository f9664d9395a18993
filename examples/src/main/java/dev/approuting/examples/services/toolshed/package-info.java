/** The {@code toolshed} admin service: embeds the {@code routing} command line. */
@NullMarked
package dev.approuting.examples.services.toolshed;

import org.jspecify.annotations.NullMarked;
