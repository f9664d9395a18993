package dev.approuting.flyway.internal;

import dev.approuting.core.AppName;
import dev.approuting.core.ErrorCode;
import dev.approuting.core.RoutingException;
import dev.approuting.core.support.Hashing;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** Finds the SQL scripts under Flyway locations ({@code classpath:} and {@code filesystem:}) and hashes them. */
public final class Scripts {
    private static final String CLASSPATH = "classpath:";
    private static final String FILESYSTEM = "filesystem:";
    /** Flyway's versioned and repeatable script names with the default prefixes, separator and suffix. */
    private static final Pattern MIGRATION_NAME = Pattern.compile("^[VR].*__.*\\.sql$");
    /** The file names Flyway resolves as migrations: SQL scripts and compiled Java migrations. */
    private static final Pattern MIGRATION_FILE = Pattern.compile("^[VR][^$]*__[^$]*\\.(sql|class)$");

    private Scripts() {}

    /** Returns the SHA-256 (hex) over the app names and, per app, each script's relative path and bytes. */
    public static String contentHash(
            List<AppName> apps, Function<AppName, List<String>> locations, ClassLoader classLoader) {
        MessageDigest digest = Hashing.sha256();
        for (AppName app : apps) {
            update(digest, "app:" + app.value());
            for (Map.Entry<String, List<byte[]>> script :
                    scripts(app, locations.apply(app), classLoader).entrySet()) {
                List<byte[]> contents = new ArrayList<>(script.getValue());
                contents.sort(Arrays::compare);
                for (byte[] content : contents) {
                    update(digest, script.getKey());
                    update(digest, Integer.toString(content.length));
                    digest.update(content);
                }
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** Returns the {@code .sql} scripts under {@code locations}, keyed and sorted by path relative to the location. */
    public static Map<String, List<byte[]>> scripts(AppName app, List<String> locations, ClassLoader classLoader) {
        Map<String, List<byte[]>> found = new TreeMap<>();
        for (String location : locations) {
            walk(app, location, classLoader, (name, content) -> {
                if (isScript(name)) {
                    found.computeIfAbsent(name, n -> new ArrayList<>()).add(content.read());
                }
            });
        }
        return found;
    }

    /**
     * Returns the migrations Flyway would resolve under {@code locations}: files named like its versioned or
     * repeatable migrations, SQL scripts and compiled Java migrations alike, as paths relative to their
     * location, sorted. Reads no file's content.
     */
    public static List<String> migrations(AppName app, List<String> locations, ClassLoader classLoader) {
        List<String> found = new ArrayList<>();
        for (String location : locations) {
            walk(app, location, classLoader, (name, content) -> {
                String file = name.substring(name.lastIndexOf('/') + 1);
                if (MIGRATION_FILE.matcher(file).matches()) {
                    found.add(name);
                }
            });
        }
        Collections.sort(found);
        return found;
    }

    /**
     * A migration file Flyway would not apply as written: it skips dangling links, directories and
     * (as root) unreadable files without a word, and applies an empty file as a migration that did
     * nothing.
     *
     * @param script the file name
     * @param problem what is wrong with it
     */
    public record Problem(String script, String problem) {}

    /** Returns the problems of the migration files of {@code app} under {@code locations}. */
    public static List<Problem> problems(AppName app, List<String> locations, ClassLoader classLoader) {
        List<Problem> problems = new ArrayList<>();
        for (String location : locations) {
            try {
                if (location.startsWith(FILESYSTEM)) {
                    checkDirectory(Path.of(location.substring(FILESYSTEM.length())), problems);
                } else {
                    String path = location.startsWith(CLASSPATH) ? location.substring(CLASSPATH.length()) : location;
                    for (URL root : Collections.list(classLoader.getResources(trimSlashes(path)))) {
                        if (root.getProtocol().equals("file")) {
                            checkDirectory(Path.of(root.toURI()), problems);
                        }
                    }
                }
            } catch (IOException | UncheckedIOException | URISyntaxException e) {
                throw unreadable(app, location, e);
            }
        }
        return problems;
    }

    private static void checkDirectory(Path dir, List<Problem> problems) throws IOException {
        if (!Files.isDirectory(dir)) {
            return;
        }
        List<Path> candidates = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.filter(p -> MIGRATION_NAME.matcher(p.getFileName().toString()).matches())
                    .forEach(candidates::add);
        }
        for (Path file : candidates) {
            String name = dir.relativize(file).toString().replace('\\', '/');
            if (Files.isSymbolicLink(file) && !Files.exists(file)) {
                problems.add(new Problem(
                        name,
                        "is a symbolic link to a missing file (" + Files.readSymbolicLink(file)
                                + "); Flyway would skip it without a word: restore the file or remove the link"));
            } else if (Files.isDirectory(file)) {
                problems.add(new Problem(name, "is a directory, not a file; Flyway would skip it: rename it"));
            } else if (!Files.isReadable(file)) {
                problems.add(new Problem(name, "cannot be read (permissions): make it readable for this user"));
            } else if (Files.isRegularFile(file) && holdsNoSql(Files.readAllBytes(file))) {
                problems.add(new Problem(
                        name,
                        "holds no SQL; Flyway would record it as applied although it did"
                                + " nothing: write the migration or delete the file"));
            }
        }
    }

    private static boolean holdsNoSql(byte[] content) {
        String text = new String(content, StandardCharsets.UTF_8);
        return text.replaceAll("(?s)/\\*.*?\\*/", "")
                .replaceAll("--[^\\n]*", "")
                .isBlank();
    }

    /** Reads the content of a file found by {@link #walk}, only when the visitor wants it. */
    private interface Content {
        byte[] read() throws IOException;
    }

    /** Hears each file under a location, by its path relative to the location. */
    private interface Visitor {
        void file(String name, Content content) throws IOException;
    }

    private static void walk(AppName app, String location, ClassLoader classLoader, Visitor visitor) {
        try {
            if (location.startsWith(FILESYSTEM)) {
                walkDirectory(Path.of(location.substring(FILESYSTEM.length())), visitor);
            } else {
                String path = location.startsWith(CLASSPATH) ? location.substring(CLASSPATH.length()) : location;
                walkClasspath(trimSlashes(path), classLoader, visitor);
            }
        } catch (IOException | UncheckedIOException | URISyntaxException e) {
            throw unreadable(app, location, e);
        }
    }

    private static void walkClasspath(String path, ClassLoader classLoader, Visitor visitor)
            throws IOException, URISyntaxException {
        Enumeration<URL> roots = classLoader.getResources(path);
        for (URL root : Collections.list(roots)) {
            if (root.getProtocol().equals("file")) {
                walkDirectory(Path.of(root.toURI()), visitor);
            } else if (root.getProtocol().equals("jar")) {
                JarURLConnection connection = (JarURLConnection) root.openConnection();
                connection.setUseCaches(false);
                try (JarFile jar = connection.getJarFile()) {
                    String prefix = path + "/";
                    for (JarEntry entry : Collections.list(jar.entries())) {
                        if (!entry.isDirectory() && entry.getName().startsWith(prefix)) {
                            visitor.file(entry.getName().substring(prefix.length()), () -> {
                                try (InputStream in = jar.getInputStream(entry)) {
                                    return in.readAllBytes();
                                }
                            });
                        }
                    }
                }
            } else {
                throw new IOException("unsupported class path URL " + root);
            }
        }
    }

    private static void walkDirectory(Path dir, Visitor visitor) throws IOException {
        if (!Files.isDirectory(dir)) {
            return;
        }
        List<Path> files = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.filter(Files::isRegularFile).forEach(files::add);
        }
        for (Path file : files) {
            visitor.file(dir.relativize(file).toString().replace('\\', '/'), () -> Files.readAllBytes(file));
        }
    }

    private static boolean isScript(String name) {
        return name.endsWith(".sql");
    }

    private static String trimSlashes(String path) {
        String p = path;
        while (p.startsWith("/")) {
            p = p.substring(1);
        }
        while (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return p;
    }

    private static void update(MessageDigest digest, String text) {
        digest.update(text.getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0);
    }

    private static RoutingException unreadable(AppName app, String location, Exception e) {
        return RoutingException.forApp(
                ErrorCode.MIGRATION_FAILED,
                app,
                "cannot read the migration scripts of app '" + app + "' at " + location + ": " + e.getMessage()
                        + ". Check the app's locations",
                e);
    }
}
