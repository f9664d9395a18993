package dev.approuting.examples.services.toolshed;

import dev.approuting.cli.RoutingCommandLine;
import dev.approuting.examples.routing.CompanyRegistry;

/**
 * The {@code toolshed} admin service: sees every database, and embeds the {@code routing} command line
 * with the company's registry, so {@code toolshed migrate-all} migrates every logical database.
 */
public final class Toolshed {
    private Toolshed() {}

    /** Runs a {@code routing} command (such as {@code migrate-all} or {@code status}) with the company's registry. */
    public static void main(String[] args) {
        System.exit(RoutingCommandLine.run(CompanyRegistry::build, args));
    }
}
