package dev.approuting.core.internal;

import dev.approuting.core.ErrorCode;
import dev.approuting.core.RoutingException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.postgresql.Driver;

/**
 * A {@code jdbc:postgresql:} URL, read by the PostgreSQL driver's own parser: the one place approuting
 * reads a JDBC URL. Errors never echo a password the URL may carry.
 *
 * @param host the first host ({@code localhost} when none)
 * @param port the first port (5432 when none)
 * @param dbname the database ({@code postgres} when none)
 * @param user the URL's {@code user} parameter, or {@code null}
 * @param password the URL's {@code password} parameter, or {@code null}
 * @param parameters every other parameter, such as {@code sslmode}
 */
public record JdbcUrl(
        String host,
        int port,
        String dbname,
        @Nullable String user,
        @Nullable String password,
        Map<String, String> parameters) {

    /** What the driver's parser puts into the properties besides the URL's own parameters. */
    private static final Set<String> STRUCTURE = Set.of("PGHOST", "PGPORT", "PGDBNAME", "user", "password");

    public JdbcUrl {
        parameters = Map.copyOf(parameters);
    }

    /**
     * Parses {@code url}.
     *
     * @throws RoutingException with {@link ErrorCode#INVALID_CONFIGURATION} when it is no PostgreSQL JDBC
     *     URL or its port is no number
     */
    public static JdbcUrl parse(String url) {
        Properties parsed = url.startsWith("jdbc:postgresql:") ? Driver.parseURL(url, null) : null;
        if (parsed == null) {
            throw invalid(url, "is not a PostgreSQL JDBC URL: give one like jdbc:postgresql://localhost:5432/postgres");
        }
        String host = first(parsed.getProperty("PGHOST", "localhost"));
        String port = first(parsed.getProperty("PGPORT", "5432"));
        String dbname = parsed.getProperty("PGDBNAME", "");
        Map<String, String> parameters = new LinkedHashMap<>();
        for (String name : parsed.stringPropertyNames()) {
            if (!STRUCTURE.contains(name)) {
                parameters.put(name, parsed.getProperty(name));
            }
        }
        int portNumber;
        try {
            portNumber = Integer.parseInt(port);
        } catch (NumberFormatException e) {
            throw invalid(url, "has a port that is no number");
        }
        return new JdbcUrl(
                host.isEmpty() ? "localhost" : host,
                portNumber,
                dbname.isBlank() ? "postgres" : dbname,
                parsed.getProperty("user"),
                parsed.getProperty("password"),
                parameters);
    }

    /** Returns {@code url} with the value of any {@code password} parameter and any {@code user:password@} masked. */
    public static String masked(String url) {
        return url.replaceAll("(?i)(password=)[^&;]*", "$1****").replaceAll("(//)[^/@?]*@", "$1****@");
    }

    private static String first(String commaSeparated) {
        int comma = commaSeparated.indexOf(',');
        return comma < 0 ? commaSeparated : commaSeparated.substring(0, comma);
    }

    private static RoutingException invalid(String url, String problem) {
        return RoutingException.of(ErrorCode.INVALID_CONFIGURATION, "'" + masked(url) + "' " + problem);
    }
}
