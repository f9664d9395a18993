/**
 * The reliability and security suite: faults (servers stopped, processes killed, concurrent runs) and
 * hostile input (names, secrets, migration files, command lines) against real embedded PostgreSQL
 * servers, with every password the suite makes scanned for in logs, messages and output. Each test
 * writes what it measured to {@code guarantees.md} in the module's build directory ({@code target}).
 */
@NullMarked
package dev.approuting.reliability;

import org.jspecify.annotations.NullMarked;
