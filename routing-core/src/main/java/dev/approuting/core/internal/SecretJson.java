package dev.approuting.core.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.approuting.core.DbCredentials;
import dev.approuting.core.DbName;
import dev.approuting.core.ErrorCode;
import dev.approuting.core.RoutingException;
import dev.approuting.core.support.Text;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** Reads and writes the secret JSON of {@link DbCredentials}. Messages never contain the password. */
public final class SecretJson {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> ENGINES = Set.of("postgres", "postgresql", "aurora-postgresql");
    private static final Pattern ENGINE_NAME = Pattern.compile("^[a-z][a-z-]{0,19}$");

    private SecretJson() {}

    /** Parses a secret; see {@link DbCredentials#fromSecretJson}. */
    public static DbCredentials parse(DbName db, String source, String json) {
        if (json.isBlank()) {
            throw invalid(db, source, "it is empty");
        }
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            // The parser's message quotes the input, which holds the password: keep only the position.
            throw invalid(
                    db,
                    source,
                    "it is not valid JSON (line " + e.getLocation().getLineNr() + ", column "
                            + e.getLocation().getColumnNr() + ")");
        }
        if (root == null || !root.isObject()) {
            throw invalid(db, source, "it is not a JSON object");
        }
        List<String> problems = new ArrayList<>();
        String engine = text(root, "engine", false, problems);
        if (engine != null && !ENGINES.contains(engine)) {
            // Quote only what looks like an engine name: a secret's values may hold a password in the wrong field.
            String shown =
                    ENGINE_NAME.matcher(engine).matches() ? "'" + engine + "'" : "a value that is no engine name";
            problems.add("\"engine\" is " + shown + ", expected one of " + Text.list(ENGINES));
        }
        String host = text(root, "host", true, problems);
        Integer port = port(root, problems);
        String dbname = text(root, "dbname", true, problems);
        String user = text(root, "user", true, problems);
        String password = text(root, "password", true, problems);
        String setRole = text(root, "set_role", false, problems);
        if (!problems.isEmpty() || host == null || port == null || dbname == null || user == null || password == null) {
            throw invalid(db, source, String.join("; ", problems));
        }
        try {
            return new DbCredentials(host, port, dbname, user, password, setRole);
        } catch (RoutingException e) {
            throw invalid(db, source, java.util.Objects.requireNonNullElse(e.getMessage(), "invalid values"));
        }
    }

    /** Writes a secret; see {@link DbCredentials#toSecretJson()}. */
    public static String write(DbCredentials credentials) {
        ObjectNode node = JSON.createObjectNode();
        node.put("engine", "postgres");
        node.put("host", credentials.host());
        node.put("port", credentials.port());
        node.put("dbname", credentials.dbname());
        node.put("user", credentials.user());
        node.put("password", credentials.password());
        if (credentials.setRole() != null) {
            node.put("set_role", credentials.setRole());
        }
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render secret JSON", e);
        }
    }

    private static @Nullable String text(JsonNode root, String field, boolean required, List<String> problems) {
        JsonNode value = root.get(field);
        if (value == null || value.isNull()) {
            if (required) {
                problems.add("field \"" + field + "\" is missing");
            }
            return null;
        }
        if (!value.isTextual()) {
            problems.add("field \"" + field + "\" must be a string, not "
                    + value.getNodeType().name().toLowerCase(java.util.Locale.ROOT));
            return null;
        }
        return value.asText();
    }

    private static @Nullable Integer port(JsonNode root, List<String> problems) {
        JsonNode value = root.get("port");
        if (value == null || value.isNull()) {
            problems.add("field \"port\" is missing");
            return null;
        }
        if (value.isInt()) {
            return value.asInt();
        }
        if (value.isTextual() && value.asText().matches("[0-9]{1,5}")) {
            return Integer.parseInt(value.asText());
        }
        problems.add("field \"port\" must be a number between 1 and 65535");
        return null;
    }

    private static RoutingException invalid(DbName db, String source, String problem) {
        return RoutingException.forDatabase(
                ErrorCode.INVALID_CREDENTIALS,
                db,
                "secret for database '" + db + "' from " + source + " is invalid: " + problem
                        + ". Fix the secret (fields: engine, host, port, dbname, user, password, set_role)");
    }
}
