package dev.approuting.testkit.postgres;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * A running PostgreSQL server for tests: where it is, an administrator login that may create databases
 * and roles, and a few helpers to run SQL as that login. Obtained from {@link PostgresProvider#start()}
 * or a {@link PostgresExtension}; closing it stops what the provider started (an external server is left
 * running). The login's password never appears in {@link #describe()} or {@code toString()}.
 *
 * <pre>{@code
 * try (PostgresServer server = PostgresProvider.embedded().start()) {
 *     server.execute("postgres", "CREATE DATABASE shop");
 *     String url = server.jdbcUrl("shop");
 * }
 * }</pre>
 */
public interface PostgresServer extends AutoCloseable {
    /** Returns the host name, such as {@code localhost}. */
    String host();

    /** Returns the port. */
    int port();

    /** Returns the administrator login (it may create databases and, on embedded servers, roles). */
    String user();

    /** Returns the administrator login's password (empty where the server trusts it). */
    String password();

    /** Returns the database to connect to for administration (usually {@code postgres}). */
    String adminDatabase();

    /** Returns {@code jdbc:postgresql://host:port/database}, without the login. */
    default String jdbcUrl(String database) {
        String h = host().contains(":") && !host().startsWith("[") ? "[" + host() + "]" : host();
        return "jdbc:postgresql://" + h + ":" + port() + "/" + database;
    }

    /**
     * Opens a connection to {@code database} as the administrator login.
     *
     * @throws SQLException when the server cannot be reached or the database does not exist
     */
    Connection connect(String database) throws SQLException;

    /**
     * Runs each of {@code statements} in {@code database} as the administrator login, in autocommit.
     *
     * @throws IllegalStateException naming the statement and the server's message when one fails
     */
    default void execute(String database, String... statements) {
        try (Connection c = connect(database);
                Statement s = c.createStatement()) {
            for (String sql : statements) {
                try {
                    s.execute(sql);
                } catch (SQLException e) {
                    throw new IllegalStateException(
                            database + ": `" + masked(sql) + "` failed on " + describe() + ": " + e.getMessage(), e);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "cannot connect to " + database + " on " + describe() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Returns the first column of every row {@code query} selects in {@code database}, as text.
     *
     * @throws IllegalStateException naming the query and the server's message when it fails
     */
    default List<String> column(String database, String query) {
        try (Connection c = connect(database);
                Statement s = c.createStatement();
                ResultSet rows = s.executeQuery(query)) {
            List<String> values = new ArrayList<>();
            while (rows.next()) {
                values.add(rows.getString(1));
            }
            return values;
        } catch (SQLException e) {
            throw new IllegalStateException(
                    database + ": `" + masked(query) + "` failed on " + describe() + ": " + e.getMessage(), e);
        }
    }

    /** Returns {@code sql} with the literal after each {@code PASSWORD} replaced, for messages. */
    private static String masked(String sql) {
        return sql.replaceAll("(?i)(PASSWORD\\s+)'(?:[^']|'')*'", "$1'****'");
    }

    /**
     * Returns whether the server's data outlives this JVM (an external server, or the embedded one with a
     * data directory): then test databases are dropped at the end, and templates are reused by the next run.
     */
    boolean keepsData();

    /** Describes the server for messages, such as {@code embedded PostgreSQL 17.11.0 on localhost:40123}. */
    String describe();

    /**
     * Starts a streaming standby of this server, a real hot standby that replays what this server
     * writes (see {@link PostgresStandby}). Only embedded servers can have one: the testkit copies their
     * data directory. Close the standby when done; a {@link PostgresExtension} closes the standbys of its
     * server when it stops.
     *
     * @throws IllegalStateException when this server cannot have a standby (not embedded, or stopped), or
     *     the standby does not start
     */
    default PostgresStandby startStandby() {
        throw new IllegalStateException(describe() + " cannot have a standby: the testkit makes one by copying"
                + " the data directory of an embedded server. Use PostgresProvider.embedded() (approuting.test.postgres"
                + "=embedded) for tests of read replicas");
    }

    /** Stops the server if the provider started it. */
    @Override
    void close();
}
