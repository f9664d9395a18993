package dev.approuting.core.internal;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.approuting.core.DbCredentials;
import dev.approuting.core.DbName;
import dev.approuting.core.ErrorCode;
import dev.approuting.core.RoutingException;
import dev.approuting.core.SslMode;
import dev.approuting.core.support.Text;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** Reads and writes the secret JSON of {@link DbCredentials}. Messages never contain the password. */
public final class SecretJson {
    /** The longest secret read: a secret is a few hundred bytes; a larger input is refused unread. */
    static final int MAX_LENGTH = 64 * 1024;

    /**
     * Nesting, numbers and strings bounded far below Jackson's own limits, trailing content and duplicate
     * fields refused: a secret is one flat object.
     */
    private static final ObjectMapper JSON = new ObjectMapper(com.fasterxml.jackson.core.JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxNestingDepth(32)
                            .maxNumberLength(32)
                            .maxStringLength(MAX_LENGTH)
                            .build())
                    .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                    .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
                    .build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private static final Set<String> ENGINES = Set.of("postgres", "postgresql", "aurora-postgresql");
    private static final Pattern ENGINE_NAME = Pattern.compile("^[a-z][a-z-]{0,19}$");

    private SecretJson() {}

    /** Parses a secret; see {@link DbCredentials#fromSecretJson}. */
    public static DbCredentials parse(DbName db, String source, String json) {
        if (json.isBlank()) {
            throw invalid(db, source, "it is empty");
        }
        if (json.length() > MAX_LENGTH) {
            throw invalid(
                    db, source, "it is " + json.length() + " characters long, more than a secret's " + MAX_LENGTH);
        }
        if (json.indexOf('\0') >= 0) {
            throw invalid(db, source, "it contains a NUL character");
        }
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            // The parser's message quotes the input, which holds the password: keep only the position.
            throw invalid(db, source, "it is not valid JSON" + reason(e) + position(e.getLocation()));
        } catch (RuntimeException | StackOverflowError e) {
            throw invalid(db, source, "it is not valid JSON (" + e.getClass().getSimpleName() + ")");
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
        String mode = text(root, "sslmode", false, problems);
        SslMode sslMode = mode == null ? null : SslMode.find(mode).orElse(null);
        if (mode != null && sslMode == null) {
            problems.add("field \"sslmode\" is no TLS mode: give one of " + SslMode.spellings());
        }
        String sslRootCert = text(root, "sslrootcert", false, problems);
        if (!problems.isEmpty() || host == null || port == null || dbname == null || user == null || password == null) {
            throw invalid(db, source, String.join("; ", problems));
        }
        try {
            return new DbCredentials(host, port, dbname, user, password, setRole, sslMode, sslRootCert);
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
        SslMode mode = credentials.sslMode();
        if (mode != null) {
            node.put("sslmode", mode.value());
        }
        if (credentials.sslRootCert() != null) {
            node.put("sslrootcert", credentials.sslRootCert());
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

    private static String reason(JsonProcessingException e) {
        if (e instanceof com.fasterxml.jackson.core.exc.StreamConstraintsException) {
            return ": it is nested too deeply or holds a number or string too long for a secret";
        }
        if (e instanceof com.fasterxml.jackson.core.JsonParseException
                && String.valueOf(e.getOriginalMessage()).startsWith("Duplicate field")) {
            return ": a field appears twice";
        }
        return "";
    }

    private static String position(@Nullable JsonLocation location) {
        if (location == null || location.getLineNr() < 1) {
            return "";
        }
        return " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
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
                        + ". Fix the secret (fields: engine, host, port, dbname, user, password, set_role, sslmode,"
                        + " sslrootcert)");
    }
}
