package dev.approuting.core.support;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * The JSON documents approuting writes (status, migrate-all and lint reports, the admin API): Jackson trees,
 * indented, with stable field names chosen by each report.
 *
 * <pre>{@code
 * ObjectNode root = Json.object();
 * root.put("db", "users");
 * Json.strings(root.putArray("pending"), List.of("3", "4"));
 * String text = Json.write(root);
 * }</pre>
 */
public final class Json {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Json() {}

    /** Returns a new, empty object node. */
    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    /** Adds each value to {@code array}, in order. */
    public static void strings(ArrayNode array, List<String> values) {
        values.forEach(array::add);
    }

    /** Returns {@code node} as indented JSON text, without a trailing newline. */
    public static String write(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree of approuting's own failed to render", e);
        }
    }
}
