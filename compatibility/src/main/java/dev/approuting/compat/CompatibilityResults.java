package dev.approuting.compat;

import dev.approuting.core.ErrorCode;
import dev.approuting.core.RoutingException;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * What one version's run found: the server and JDK versions, {@code check.<name>=passed|failed} and
 * {@code difference.<topic>=<text>}, written as a properties file with sorted keys and no date, so an
 * unchanged result is an unchanged file.
 *
 * <pre>{@code
 * results.difference("create-database-strategy", "STRATEGY clause: used");
 * results.write();
 * }</pre>
 */
public final class CompatibilityResults {
    /** The value of a check that passed. */
    public static final String PASSED = "passed";
    /** The value of a check that failed. */
    public static final String FAILED = "failed";

    private final Path file;
    private final Map<String, String> values = new TreeMap<>();

    /**
     * @param directory where the file goes
     * @param major the PostgreSQL major the run is for; names the file {@code postgresql-<major>.properties}
     */
    CompatibilityResults(Path directory, int major) {
        this.file = directory.resolve("postgresql-" + major + ".properties");
        values.put("java.version", String.valueOf(Runtime.version().feature()));
    }

    /** Returns the file the results are written to. */
    public Path file() {
        return file;
    }

    /** Sets a value. */
    public synchronized void set(String key, String value) {
        values.put(key, value);
    }

    /** Returns a value, or {@code null} when not recorded. */
    public synchronized @Nullable String get(String key) {
        return values.get(key);
    }

    /**
     * Records what this version did on {@code topic}; keep the text short and free of timings, ports
     * or names that change between runs.
     */
    public void difference(String topic, String text) {
        set("difference." + topic, text);
    }

    /** Records the outcome of a class of check {@code name}: one failing class fails the check. */
    synchronized void check(String name, boolean passed) {
        String key = "check." + name;
        if (!FAILED.equals(values.get(key))) {
            values.put(key, passed ? PASSED : FAILED);
        }
    }

    /**
     * Writes the file, replacing it.
     *
     * @throws RoutingException ({@link ErrorCode#INVALID_CONFIGURATION}) when it cannot be written
     */
    public synchronized void write() {
        Properties properties = new Properties();
        properties.putAll(values);
        StringWriter text = new StringWriter();
        try {
            properties.store(text, null);
            String sorted = text.toString()
                    .lines()
                    .filter(line -> !line.startsWith("#"))
                    .sorted()
                    .collect(Collectors.joining("\n", "", "\n"));
            Files.createDirectories(file.getParent());
            Files.writeString(file, sorted, StandardCharsets.ISO_8859_1);
        } catch (IOException | UncheckedIOException e) {
            throw RoutingException.of(
                    ErrorCode.INVALID_CONFIGURATION, "cannot write the compatibility results " + file + ": " + e, e);
        }
    }
}
