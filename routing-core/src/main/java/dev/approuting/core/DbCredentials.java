package dev.approuting.core;

import dev.approuting.core.internal.JdbcUrl;
import dev.approuting.core.internal.SecretJson;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * How to reach one logical database: server, database, login role and, optionally, the owner role to
 * {@code SET ROLE} to after connecting. Read from the secret JSON
 * {@code {"engine","host","port","dbname","user","password","set_role","sslmode","sslrootcert"}}.
 *
 * <p>TLS: the secret's field {@code "sslmode"} is an {@link SslMode}; a secret without it gets
 * {@link SslMode#defaultFor(String)} ({@code verify-full} for a server reached over the network,
 * {@code prefer} on loopback), and the field {@code "sslrootcert"} names the root certificate file that {@code verify-ca}/{@code verify-full} check the
 * server against (the driver's default, {@code ~/.postgresql/root.crt}, when absent).
 *
 * <p>The host must be a host name or an IP address and the database name may not hold control characters,
 * so no value can add parameters to the JDBC URL. {@link #toString()} masks the password; it never appears
 * in logs or exceptions.
 *
 * @param host the server's host name or address
 * @param port the server's port
 * @param dbname the PostgreSQL database name
 * @param user the login role
 * @param password the login role's password
 * @param setRole the role to {@code SET ROLE} to on connect, or {@code null}
 * @param sslMode how to use TLS, or {@code null} for {@link SslMode#defaultFor(String)} of the host
 * @param sslRootCert the root certificate file for {@code verify-ca}/{@code verify-full}, or {@code null}
 *     for the driver's default
 */
public record DbCredentials(
        String host,
        int port,
        String dbname,
        String user,
        String password,
        @Nullable String setRole,
        @Nullable SslMode sslMode,
        @Nullable String sslRootCert) {

    /** Host names (RFC 1123, plus '_'), IPv4 addresses, and IPv6 addresses with or without brackets. */
    private static final Pattern HOST =
            Pattern.compile("^(?:[A-Za-z0-9_](?:[A-Za-z0-9._-]{0,252})|\\[?[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*\\]?)$");

    /**
     * Validates the values.
     *
     * @throws RoutingException with {@link ErrorCode#INVALID_CREDENTIALS} when a value is blank or the
     *     port is out of range
     */
    public DbCredentials {
        List<String> problems = new ArrayList<>();
        require(problems, !host.isBlank(), "host is blank");
        if (port < 1 || port > 65535) { // concatenated only when wrong: a service's start-up builds many of these
            problems.add("port " + port + " is not between 1 and 65535");
        }
        require(problems, !dbname.isBlank(), "dbname is blank");
        require(problems, !user.isBlank(), "user is blank");
        if (!host.isBlank() && !HOST.matcher(host).matches()) {
            problems.add("host is no host name or IP address" + badCharacter(host)
                    + ": give only the server's name or address (no port, database or parameters)");
        }
        if (dbname.getBytes(StandardCharsets.UTF_8).length > 63) {
            problems.add("dbname is longer than PostgreSQL's 63 bytes");
        }
        require(problems, !hasControl(dbname), "dbname contains a control character");
        require(problems, !hasControl(user), "user contains a control character");
        require(problems, password.indexOf('\0') < 0, "password contains a NUL character");
        require(
                problems,
                unicode(dbname) && unicode(user) && unicode(password) && (setRole == null || unicode(setRole)),
                "a value holds an unpaired UTF-16 surrogate (no valid Unicode text)");
        require(problems, setRole == null || !hasControl(setRole), "set_role contains a control character");
        require(
                problems,
                sslRootCert == null || (!sslRootCert.isBlank() && !hasControl(sslRootCert)),
                "sslrootcert is blank or contains a control character");
        if (!problems.isEmpty()) {
            throw RoutingException.of(
                    ErrorCode.INVALID_CREDENTIALS, "invalid credentials: " + String.join("; ", problems));
        }
        if (setRole != null && setRole.isBlank()) {
            setRole = null;
        }
    }

    /**
     * Credentials with the TLS settings of the host's default ({@link SslMode#defaultFor(String)}).
     *
     * @throws RoutingException with {@link ErrorCode#INVALID_CREDENTIALS} as the canonical constructor
     */
    public DbCredentials(String host, int port, String dbname, String user, String password, @Nullable String setRole) {
        this(host, port, dbname, user, password, setRole, null, null);
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
     * parameters are not part of credentials, except {@code sslmode} and {@code sslrootcert}: see
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
        String mode = url.parameters().get("sslmode");
        SslMode sslMode = mode == null ? null : SslMode.find(mode).orElse(null);
        if (mode != null && sslMode == null) {
            throw RoutingException.of(
                    ErrorCode.INVALID_CONFIGURATION,
                    "'" + JdbcUrl.masked(jdbcUrl) + "' has an unknown sslmode: give one of " + SslMode.spellings());
        }
        return new DbCredentials(
                url.host(),
                url.port(),
                url.dbname(),
                login == null ? user : login,
                secret == null ? password : secret,
                null,
                sslMode,
                url.parameters().get("sslrootcert"));
    }

    /** Returns the secret JSON of these credentials (with the password: write it only to secret stores). */
    public String toSecretJson() {
        return SecretJson.write(this);
    }

    /** Returns the JDBC URL, without user, password or TLS settings (the database name URL-encoded). */
    public String jdbcUrl() {
        String h = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
        return "jdbc:postgresql://" + h + ":" + port + "/"
                + URLEncoder.encode(dbname, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** Returns the TLS mode connections use: {@link #sslMode()}, or the host's default when it names none. */
    public SslMode effectiveSslMode() {
        SslMode mode = sslMode;
        return mode == null ? SslMode.defaultFor(host) : mode;
    }

    /** Returns a copy with these TLS settings ({@code null} mode: the host's default; {@code null} root: the driver's). */
    public DbCredentials withTls(@Nullable SslMode mode, @Nullable String rootCert) {
        return new DbCredentials(host, port, dbname, user, password, setRole, mode, rootCert);
    }

    /** Returns {@code host:port}, for messages and status pages. */
    public String server() {
        return host + ":" + port;
    }

    /** Returns a copy with another password. */
    public DbCredentials withPassword(String newPassword) {
        return new DbCredentials(host, port, dbname, user, newPassword, setRole, sslMode, sslRootCert);
    }

    /** Returns a copy with another login role and password. */
    public DbCredentials withLogin(String newUser, String newPassword) {
        return new DbCredentials(host, port, dbname, newUser, newPassword, setRole, sslMode, sslRootCert);
    }

    /** Returns a copy with another database name. */
    public DbCredentials withDbname(String newDbname) {
        return new DbCredentials(host, port, newDbname, user, password, setRole, sslMode, sslRootCert);
    }

    /** Returns a copy that sets {@code role} on connect, or none when {@code null}. */
    public DbCredentials withSetRole(@Nullable String role) {
        return new DbCredentials(host, port, dbname, user, password, role, sslMode, sslRootCert);
    }

    @Override
    public String toString() {
        return "DbCredentials[host=" + host + ", port=" + port + ", dbname=" + dbname + ", user=" + user
                + ", password=****" + (setRole == null ? "" : ", setRole=" + setRole) + ", sslmode="
                + effectiveSslMode() + "]";
    }

    private static boolean unicode(String value) {
        return StandardCharsets.UTF_8.newEncoder().canEncode(value);
    }

    private static boolean hasControl(String value) {
        for (int i = 0; i < value.length(); i++) {
            if (Character.isISOControl(value.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    private static String badCharacter(String host) {
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            if (!(Character.isLetterOrDigit(c) || c == '.' || c == '-' || c == '_' || c == ':' || c == '[' || c == ']')
                    || Character.isISOControl(c)) {
                return Character.isISOControl(c) || Character.isWhitespace(c)
                        ? " (it holds a control or space character)"
                        : " (it holds '" + c + "')";
            }
        }
        return "";
    }

    private static void require(List<String> problems, boolean ok, String problem) {
        if (!ok) {
            problems.add(problem);
        }
    }
}
