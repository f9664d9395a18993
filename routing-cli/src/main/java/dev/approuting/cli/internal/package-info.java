/**
 * The {@code routing} command line: the root command, one class per subcommand and the list that
 * registers them ({@link dev.approuting.cli.internal.Subcommands}). Not an API.
 */
@NullMarked
package dev.approuting.cli.internal;

import org.jspecify.annotations.NullMarked;
