package dev.approuting.core;

import dev.approuting.core.internal.JdbcUrl;
import dev.approuting.core.internal.SecretJson;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * How to reach one logical database: server, database, login role and, optionally, the owner role to
 * {@code SET ROLE} to after connecting. Read from the secret JSON
 * {@code {"engine","host","port","dbname","user","password","set_role"}}.
 *
 * <p>{@link #toString()} masks the password; it never appears in logs or exceptions.
 *
 * @param host the server's host name or address
 * @param port the server's port
 * @param dbname the PostgreSQL database name
 * @param user the login role
 * @param password the login role's password
 * @param setRole the role to {@code SET ROLE} to on connect, or {@code null}
 */
public record DbCredentials(
        String host,
        int port,
        String dbname,
        String user,
        String password,
        @Nullable String setRole) {

    /**
     * Validates the values.
     *
     * @throws RoutingException with {@link ErrorCode#INVALID_CREDENTIALS} when a value is blank or the
     *     port is out of range
     */
    public DbCredentials {
        List<String> problems = new ArrayList<>();
        require(problems, !host.isBlank(), "host is blank");
        require(problems, port > 0 && port < 65536, "port " + port + " is not between 1 and 65535");
        require(problems, !dbname.isBlank(), "dbname is blank");
        require(problems, !user.isBlank(), "user is blank");
        if (!problems.isEmpty()) {
            throw RoutingException.of(
                    ErrorCode.INVALID_CREDENTIALS, "invalid credentials: " + String.join("; ", problems));
        }
        if (setRole != null && setRole.isBlank()) {
            setRole = null;
        }
    }

    /** Returns credentials without a role to set. */
    public static DbCredentials of(String host, int port, String dbname, String user, String password) {
        return new DbCredentials(host, port, dbname, user, password, null);
    }

    /**
     * Parses the secret JSON of {@code db}.
     *
     * @param db the logical database the secret is for, named in errors
     * @param source where the JSON came from (a file or variable name), named in errors
     * @param json the secret's content
     * @throws RoutingException with {@link ErrorCode#INVALID_CREDENTIALS} naming the database and the
     *     source (never the password) when the JSON is malformed or lacks a field
     */
    public static DbCredentials fromSecretJson(DbName db, String source, String json) {
        return SecretJson.parse(db, source, json);
    }

    /**
     * Reads credentials from a {@code jdbc:postgresql://host:port/database} URL: its first host and port
     * (default 5432), its database (default {@code postgres}), and the login of its {@code user} and
     * {@code password} parameters when it has them, else {@code user} and {@code password}. Other
     * parameters (such as {@code sslmode}) are not part of credentials: see
     * {@link dev.approuting.core.support.Connections#urlParameters(String)}.
     *
     * <pre>{@code
     * DbCredentials admin = DbCredentials.fromJdbcUrl("jdbc:postgresql://db:5432/postgres", "postgres", password);
     * }</pre>
     *
     * @throws RoutingException with {@link ErrorCode#INVALID_CONFIGURATION} when it is no PostgreSQL JDBC
     *     URL (the message masks a password in it), or {@link ErrorCode#INVALID_CREDENTIALS} when a value
     *     is blank
     */
    public static DbCredentials fromJdbcUrl(String jdbcUrl, String user, String password) {
        JdbcUrl url = JdbcUrl.parse(jdbcUrl);
        String login = url.user();
        String secret = url.password();
        return of(
                url.host(), url.port(), url.dbname(), login == null ? user : login, secret == null ? password : secret);
    }

    /** Returns the secret JSON of these credentials (with the password: write it only to secret stores). */
    public String toSecretJson() {
        return SecretJson.write(this);
    }

    /** Returns the JDBC URL, without user or password. */
    public String jdbcUrl() {
        String h = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
        return "jdbc:postgresql://" + h + ":" + port + "/" + dbname;
    }

    /** Returns {@code host:port}, for messages and status pages. */
    public String server() {
        return host + ":" + port;
    }

    /** Returns a copy with another password. */
    public DbCredentials withPassword(String newPassword) {
        return new DbCredentials(host, port, dbname, user, newPassword, setRole);
    }

    /** Returns a copy with another login role and password. */
    public DbCredentials withLogin(String newUser, String newPassword) {
        return new DbCredentials(host, port, dbname, newUser, newPassword, setRole);
    }

    /** Returns a copy with another database name. */
    public DbCredentials withDbname(String newDbname) {
        return new DbCredentials(host, port, newDbname, user, password, setRole);
    }

    /** Returns a copy that sets {@code role} on connect, or none when {@code null}. */
    public DbCredentials withSetRole(@Nullable String role) {
        return new DbCredentials(host, port, dbname, user, password, role);
    }

    @Override
    public String toString() {
        return "DbCredentials[host=" + host + ", port=" + port + ", dbname=" + dbname + ", user=" + user
                + ", password=****" + (setRole == null ? "" : ", setRole=" + setRole) + "]";
    }

    private static void require(List<String> problems, boolean ok, String problem) {
        if (!ok) {
            problems.add(problem);
        }
    }
}
