package dev.approuting.compat;

import dev.approuting.core.DbCredentials;
import dev.approuting.core.ErrorCode;
import dev.approuting.core.RoutingException;
import dev.approuting.core.support.ConnectOptions;
import dev.approuting.core.support.Connections;
import dev.approuting.testkit.internal.ServerLogin;
import dev.approuting.testkit.internal.TestRuntime;
import dev.approuting.testkit.postgres.PostgresServer;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The PostgreSQL server of this JVM's compatibility run, shared by every check, and the results the
 * run records. The server is the testkit's (so {@code @RoutingTest} classes of the run use the same
 * one), picked by the system property {@code approuting.test.postgres} (such as {@code embedded:13}).
 *
 * <pre>{@code
 * try (Connection c = run.connect("postgres")) {
 *     run.results().difference("topic", "what this version did");
 * }
 * }</pre>
 */
public final class CompatibilityRun {
    private final TestRuntime runtime;
    private final CompatibilityResults results;
    private final int versionNum;

    CompatibilityRun(TestRuntime runtime, CompatibilityResults results) {
        this.runtime = runtime;
        this.results = results;
        this.versionNum = runtime.admin().versionNum();
        try (Connection c = connect(server().adminDatabase())) {
            results.set("server.version", single(c, "SHOW server_version").replaceFirst(" .*", ""));
            String checksums = single(c, "SHOW data_checksums");
            results.set("data.checksums", checksums);
            results.difference("data-checksums", checksums);
        } catch (SQLException e) {
            throw RoutingException.of(
                    ErrorCode.DATABASE_UNAVAILABLE,
                    server().describe() + ": cannot read the server's settings: " + e.getMessage(),
                    e);
        }
    }

    /** Returns the server. */
    public PostgresServer server() {
        return runtime.server();
    }

    /** Returns the testkit's runtime on the server (templates and clones). */
    public TestRuntime runtime() {
        return runtime;
    }

    /** Returns the server's major version, such as 13. */
    public int major() {
        return versionNum / 10_000;
    }

    /** Returns {@code server_version_num}, such as 130023. */
    public int versionNum() {
        return versionNum;
    }

    /** Returns the superuser login pointing at {@code database}. */
    public DbCredentials superuser(String database) {
        return ServerLogin.credentials(server(), database);
    }

    /** Returns the results of this run. */
    public CompatibilityResults results() {
        return results;
    }

    /**
     * Opens a connection to {@code database} as the superuser.
     *
     * @throws SQLException when the server refuses it
     */
    public Connection connect(String database) throws SQLException {
        DbCredentials admin = superuser(database);
        return connect(admin);
    }

    /**
     * Opens a connection with {@code credentials}, without the {@code SET ROLE} the secret may name.
     *
     * @throws SQLException when the server refuses it
     */
    public static Connection connect(DbCredentials credentials) throws SQLException {
        return Connections.open(
                credentials, ConnectOptions.of("approuting-compatibility").withSetRole(false));
    }

    /**
     * Returns the first column of the first row of {@code sql}, as text.
     *
     * @throws SQLException when the query fails or returns no row
     */
    public static String single(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            if (!rs.next()) {
                throw new SQLException("no row from " + sql);
            }
            return String.valueOf(rs.getString(1));
        }
    }
}
