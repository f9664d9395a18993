/**
 * The {@code routing} command line: the root command, one class per subcommand and the list that
 * registers them ({@link dev.approuting.flyway.internal.cli.Subcommands}). Not an API.
 */
@NullMarked
package dev.approuting.flyway.internal.cli;

import org.jspecify.annotations.NullMarked;
