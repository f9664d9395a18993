package dev.approuting.flyway.provision;

import java.time.Duration;

/**
 * The outcome of logging in with produced credentials, setting the owner role, and creating and
 * dropping a temporary table.
 *
 * @param ok whether every step worked
 * @param message what was done, or what failed with its SQLState (never the password)
 * @param took how long the check took
 */
public record ConnectionCheck(boolean ok, String message, Duration took) {}
