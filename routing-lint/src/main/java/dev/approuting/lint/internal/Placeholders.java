package dev.approuting.lint.internal;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces placeholders in a traced statement as Flyway does before it runs a file: {@code ${name}},
 * names matched ignoring case. approuting's migrator sets {@code ${app}} (the app, which is also the
 * schema) and {@code ${db}}; Flyway adds {@code ${flyway:defaultSchema}}, {@code ${flyway:user}},
 * {@code ${flyway:database}}, {@code ${flyway:timestamp}}, {@code ${flyway:filename}},
 * {@code ${flyway:workingDirectory}} and {@code ${flyway:table}}. In a trace {@code ${db}} and
 * {@code ${flyway:database}} name the scratch database. A placeholder without a value is left as
 * written (Flyway would refuse the file; PostgreSQL then reports it).
 */
final class Placeholders {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z0-9_:.\\-]+)}");
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final Map<String, String> values;

    private Placeholders(Map<String, String> values) {
        this.values = Map.copyOf(values);
    }

    /**
     * The placeholders of one traced file.
     *
     * @param schema the schema the file runs in (the app, or {@code public})
     * @param database the scratch database
     * @param user the role the file runs as
     * @param file the file's path
     */
    static Placeholders forTrace(String schema, String database, String user, String file) {
        Map<String, String> v = new HashMap<>();
        v.put("app", schema);
        v.put("db", database);
        v.put("flyway:defaultschema", schema);
        v.put("flyway:user", user);
        v.put("flyway:database", database);
        v.put("flyway:timestamp", LocalDateTime.now(ZoneId.systemDefault()).format(TIMESTAMP));
        String name = file.replace('\\', '/');
        v.put("flyway:filename", name.substring(name.lastIndexOf('/') + 1));
        v.put("flyway:workingdirectory", System.getProperty("user.dir", ""));
        v.put("flyway:table", "flyway_schema_history");
        return new Placeholders(v);
    }

    /** Returns {@code sql} with every known placeholder replaced. */
    String replace(String sql) {
        if (!sql.contains("${")) {
            return sql;
        }
        Matcher m = PLACEHOLDER.matcher(sql);
        StringBuilder out = new StringBuilder(sql.length());
        while (m.find()) {
            String value = values.get(m.group(1).toLowerCase(Locale.ROOT));
            m.appendReplacement(out, Matcher.quoteReplacement(value == null ? m.group() : value));
        }
        m.appendTail(out);
        return out.toString();
    }
}
