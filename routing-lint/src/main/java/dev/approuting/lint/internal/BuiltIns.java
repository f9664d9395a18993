package dev.approuting.lint.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What PostgreSQL's catalogs say about built-in functions and types, as data the compatibility suite
 * compares with each server: the volatility of every function of {@code pg_catalog}
 * ({@code functions.txt}) and the binary-coercible casts between built-in types
 * ({@code binary-coercible-casts.txt}).
 */
public final class BuiltIns {
    private static final String FUNCTIONS = "/dev/approuting/lint/functions.txt";
    private static final String CASTS = "/dev/approuting/lint/binary-coercible-casts.txt";

    /**
     * One line of the function list.
     *
     * @param name the function name
     * @param volatility {@code immutable}, {@code stable} or {@code volatile} (of its most volatile overload)
     * @param since the first major the line holds for (0 for every major)
     * @param until the last major the line holds for
     * @param extension whether it comes from an extension, not {@code pg_catalog}
     */
    public record Function(String name, String volatility, int since, int until, boolean extension) {}

    private static final List<Function> FUNCTION_LIST = readFunctions();
    private static final Map<String, List<Function>> BY_NAME = index(FUNCTION_LIST);
    private static final Set<String> CAST_PAIRS = readCasts();

    private BuiltIns() {}

    /** Returns every line of the function list. */
    public static List<Function> functions() {
        return FUNCTION_LIST;
    }

    /** Returns the binary-coercible casts, each as {@code "source target"} by type name. */
    public static Set<String> binaryCoercibleCasts() {
        return CAST_PAIRS;
    }

    /**
     * Returns the volatility of a built-in function on PostgreSQL {@code major}, or empty for a name that
     * is not built in (the project's own function).
     */
    static Optional<String> volatility(String name, int major) {
        List<Function> lines = BY_NAME.get(name);
        if (lines == null) {
            return Optional.empty();
        }
        for (Function f : lines) {
            if (major >= f.since() && major <= f.until()) {
                return Optional.of(f.volatility());
            }
        }
        return Optional.of(lines.get(lines.size() - 1).volatility());
    }

    /** Returns whether a value of type {@code source} is a value of {@code target} as it is (type names). */
    static boolean binaryCoercible(String source, String target) {
        return CAST_PAIRS.contains(source + " " + target);
    }

    private static Map<String, List<Function>> index(List<Function> functions) {
        Map<String, List<Function>> byName = new HashMap<>();
        for (Function f : functions) {
            byName.computeIfAbsent(f.name(), n -> new ArrayList<>()).add(f);
        }
        return byName;
    }

    private static List<Function> readFunctions() {
        List<Function> functions = new ArrayList<>();
        for (String line : lines(FUNCTIONS)) {
            String[] parts = line.split(" ", -1);
            int since = 0;
            int until = Integer.MAX_VALUE;
            boolean extension = false;
            if (parts.length > 2) {
                String range = parts[2];
                if (range.equals("extension")) {
                    extension = true;
                } else if (range.endsWith("+")) {
                    since = Integer.parseInt(range.substring(0, range.length() - 1));
                } else if (range.contains("-")) {
                    since = Integer.parseInt(range.substring(0, range.indexOf('-')));
                    until = Integer.parseInt(range.substring(range.indexOf('-') + 1));
                } else {
                    since = Integer.parseInt(range);
                    until = since;
                }
            }
            functions.add(new Function(parts[0], parts[1], since, until, extension));
        }
        return List.copyOf(functions);
    }

    private static Set<String> readCasts() {
        Set<String> casts = new HashSet<>();
        for (String line : lines(CASTS)) {
            casts.add(line.endsWith(" extension") ? line.substring(0, line.length() - " extension".length()) : line);
        }
        return Set.copyOf(casts);
    }

    /** Returns the binary-coercible casts between built-in types only, as {@code pg_cast} has them. */
    public static Set<String> builtInBinaryCoercibleCasts() {
        Set<String> casts = new HashSet<>();
        for (String line : lines(CASTS)) {
            if (!line.endsWith(" extension")) {
                casts.add(line);
            }
        }
        return Set.copyOf(casts);
    }

    private static List<String> lines(String resource) {
        try (InputStream in = BuiltIns.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the class path");
            }
            List<String> lines = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n", -1)) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    lines.add(line.strip());
                }
            }
            return lines;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }
}
