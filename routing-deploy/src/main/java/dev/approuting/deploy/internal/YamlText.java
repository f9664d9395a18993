package dev.approuting.deploy.internal;

import com.fasterxml.jackson.databind.node.TextNode;
import dev.approuting.core.support.Json;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Writes YAML line by line: a value stays plain where YAML reads it back as the same text, and is
 * double-quoted (JSON's escapes, which YAML shares) where it would turn into a number, a boolean, a null
 * or something else.
 */
public final class YamlText {
    private static final Pattern PLAIN = Pattern.compile("^[A-Za-z0-9/.][A-Za-z0-9/._,:@-]*$");
    private static final Pattern NUMBER_LIKE = Pattern.compile("^[-+]?(\\.?[0-9][0-9._]*([eE][-+]?[0-9]+)?|0[xo].*)$");
    private static final Set<String> RESERVED =
            Set.of("true", "false", "yes", "no", "on", "off", "y", "n", "null", "~", ".inf", ".nan");

    private final StringBuilder text = new StringBuilder();

    /** Returns {@code value} as a YAML scalar that reads back as the same text. */
    public static String scalar(String value) {
        boolean plain = PLAIN.matcher(value).matches()
                && !value.endsWith(":")
                && !NUMBER_LIKE.matcher(value).matches()
                && !RESERVED.contains(value.toLowerCase(Locale.ROOT));
        return plain ? value : Json.write(TextNode.valueOf(value));
    }

    /** Returns {@code values} as a flow sequence, such as {@code ["migrate-all", "--namespace", "prod"]}. */
    public static String flow(List<String> values) {
        return "[" + String.join(", ", values.stream().map(YamlText::scalar).toList()) + "]";
    }

    /** Adds a comment line. */
    public YamlText comment(String comment) {
        comment.lines().forEach(line -> text.append("# ").append(line).append('\n'));
        return this;
    }

    /** Adds {@code key:} opening a mapping or sequence, indented by {@code level} steps of two spaces. */
    public YamlText open(int level, String key) {
        return raw(level, key + ":");
    }

    /** Adds {@code key: value}, the value written as {@link #scalar}. */
    public YamlText put(int level, String key, String value) {
        return raw(level, key + ": " + scalar(value));
    }

    /** Adds {@code key: value} with the value as written (a number, a boolean or a flow sequence). */
    public YamlText putRaw(int level, String key, String value) {
        return raw(level, key + ": " + value);
    }

    /** Adds a line as written, indented by {@code level} steps of two spaces. */
    public YamlText raw(int level, String line) {
        text.append("  ".repeat(level)).append(line).append('\n');
        return this;
    }

    @Override
    public String toString() {
        return text.toString();
    }
}
