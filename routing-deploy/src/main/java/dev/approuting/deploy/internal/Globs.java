package dev.approuting.deploy.internal;

import dev.approuting.core.ErrorCode;
import dev.approuting.core.RoutingException;
import dev.approuting.core.support.Text;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Turns paths and globs into files: a glob is matched below its longest directory prefix without glob
 * characters, so {@code deploy/values/*.yaml} reads only {@code deploy/values}; {@code **}{@code /}
 * matches any number of directories, none included.
 */
public final class Globs {
    private Globs() {}

    /**
     * Returns the files {@code patterns} name, each once, in the order given (a glob's matches sorted),
     * adding a problem for each path that is no regular file and each glob that matches none.
     */
    public static List<Path> resolve(Path base, List<String> patterns, List<RoutingException> problems) {
        Set<Path> files = new LinkedHashSet<>();
        for (String pattern : patterns) {
            if (pattern.isBlank()) {
                problems.add(invalid("an empty file name: give a path or a glob such as deploy/*.yaml"));
                continue;
            }
            if (!isGlob(pattern)) {
                Path file = base.resolve(pattern).normalize();
                if (Files.isRegularFile(file)) {
                    files.add(file);
                } else if (Files.isDirectory(file)) {
                    problems.add(invalid(file + " is a directory: give its files, such as " + pattern + "/*.yaml"));
                } else {
                    problems.add(invalid(file + " does not exist: check the path"));
                }
                continue;
            }
            List<Path> matched = glob(base, pattern, problems);
            if (matched.isEmpty()) {
                problems.add(invalid("the glob " + Text.quote(pattern) + " matches no file under "
                        + base.toAbsolutePath().normalize() + ": check the pattern and the directory it starts in"));
            }
            files.addAll(matched);
        }
        return new ArrayList<>(files);
    }

    private static boolean isGlob(String pattern) {
        return pattern.chars().anyMatch(c -> c == '*' || c == '?' || c == '[' || c == '{');
    }

    private static List<Path> glob(Path base, String pattern, List<RoutingException> problems) {
        String[] parts = pattern.split("/", -1);
        Path root = pattern.startsWith("/") ? Path.of("/") : base;
        int first = 0;
        while (first < parts.length - 1 && !isGlob(parts[first])) {
            if (!parts[first].isEmpty()) {
                root = root.resolve(parts[first]);
            }
            first++;
        }
        String rest = String.join("/", List.of(parts).subList(first, parts.length));
        List<PathMatcher> matchers = new ArrayList<>();
        matchers.add(FileSystems.getDefault().getPathMatcher("glob:" + rest));
        if (rest.startsWith("**/")) {
            matchers.add(FileSystems.getDefault().getPathMatcher("glob:" + rest.substring(3)));
        }
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        Path start = root;
        try (Stream<Path> walk = Files.walk(start)) {
            return walk.filter(Files::isRegularFile)
                    .filter(file -> {
                        Path relative = start.relativize(file);
                        return matchers.stream().anyMatch(m -> m.matches(relative));
                    })
                    .map(Path::normalize)
                    .sorted()
                    .toList();
        } catch (IOException | UncheckedIOException e) {
            problems.add(invalid("cannot list the files of " + Text.quote(pattern) + " under " + start + " ("
                    + e.getClass().getSimpleName() + "): check the directory's permissions"));
            return List.of();
        }
    }

    private static RoutingException invalid(String message) {
        return RoutingException.of(ErrorCode.INVALID_CONFIGURATION, message);
    }
}
