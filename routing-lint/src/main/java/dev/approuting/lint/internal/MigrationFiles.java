package dev.approuting.lint.internal;

import dev.approuting.core.ErrorCode;
import dev.approuting.core.RoutingException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/** Finds migration files (files, folders, globs), orders them as Flyway does, and reads them. */
public final class MigrationFiles {
    private static final Pattern VERSIONED = Pattern.compile("V([0-9][0-9._]*)__.*");
    private static final Pattern VERSION_PART = Pattern.compile("[0-9]+");

    /**
     * The largest migration the linter reads, 1 MiB: the linter holds a file's tokens and statements in
     * memory, up to about 130 times its size for a file of tiny tokens, so a file at the limit lints
     * within 256 MB of heap. Larger files are refused before they are read.
     */
    public static final int MAX_BYTES = 1 << 20;

    private MigrationFiles() {}

    /**
     * Expands paths into migration files, grouped by folder and in Flyway order within a folder.
     *
     * @param paths files, folders (searched for {@code *.sql}) or glob patterns
     * @param excluded glob patterns of files to leave out
     * @param problems where problems (missing paths, globs matching nothing) are added
     * @return the files
     */
    public static List<Path> expand(List<String> paths, List<String> excluded, List<String> problems) {
        Set<Path> files = new LinkedHashSet<>();
        for (String arg : paths) {
            try {
                if (isGlob(arg)) {
                    List<Path> matched = glob(arg);
                    if (matched.isEmpty()) {
                        problems.add("pattern '" + arg + "' matches no file");
                    }
                    files.addAll(matched);
                } else {
                    Path p = Path.of(arg);
                    if (Files.isDirectory(p)) {
                        files.addAll(sqlFilesUnder(p));
                    } else if (Files.isRegularFile(p)) {
                        files.add(p.normalize());
                    } else {
                        problems.add("'" + arg + "' is neither a file nor a folder");
                    }
                }
            } catch (UncheckedIOException e) {
                problems.add("cannot read '" + arg + "': " + e.getMessage());
            }
        }
        List<PathMatcher> excludes = excluded.stream()
                .map(g -> FileSystems.getDefault().getPathMatcher("glob:" + g))
                .toList();
        List<Path> result = new ArrayList<>();
        for (Path f : files) {
            if (excludes.stream().noneMatch(m -> m.matches(f))) {
                result.add(f);
            }
        }
        result.sort(FLYWAY_ORDER);
        return result;
    }

    /**
     * Returns the applied history of {@code files}: the other {@code *.sql} files of their folders that
     * Flyway runs before the last of them (the migrations applied before the new ones), in Flyway order.
     * An unreadable folder contributes nothing.
     *
     * @param files the files to lint
     */
    public static List<Path> history(List<Path> files) {
        Set<Path> linted = new LinkedHashSet<>();
        files.forEach(f -> linted.add(f.toAbsolutePath().normalize()));
        Map<String, Path> lastOfFolder = new HashMap<>();
        for (Path f : files) {
            lastOfFolder.merge(folder(f), f, (a, b) -> FLYWAY_ORDER.compare(a, b) >= 0 ? a : b);
        }
        List<Path> history = new ArrayList<>();
        for (Path last : lastOfFolder.values()) {
            Path dir = last.toAbsolutePath().normalize().getParent();
            if (dir == null || !Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> siblings = Files.list(dir)) {
                siblings.filter(Files::isRegularFile)
                        .filter(p -> fileName(p).toLowerCase(Locale.ROOT).endsWith(".sql"))
                        .map(p -> p.toAbsolutePath().normalize())
                        .filter(p -> !linted.contains(p)
                                && FLYWAY_ORDER.compare(p, last.toAbsolutePath().normalize()) < 0)
                        .forEach(history::add);
            } catch (IOException | UncheckedIOException e) {
                // No history from an unreadable folder: its files are linted without it.
            }
        }
        history.sort(FLYWAY_ORDER);
        return history;
    }

    /** Groups by folder, then versioned migrations by version, then repeatable ones, then the rest. */
    public static final Comparator<Path> FLYWAY_ORDER = Comparator.<Path, String>comparing(MigrationFiles::folder)
            .thenComparingInt(p -> kind(fileName(p)))
            .thenComparing((a, b) -> compareVersions(fileName(a), fileName(b)))
            .thenComparing(MigrationFiles::fileName);

    /** The folder a file belongs to, the unit within which Flyway versions are ordered. */
    public static String folder(Path file) {
        Path parent = file.toAbsolutePath().normalize().getParent();
        return parent == null ? "" : parent.toString();
    }

    private static String fileName(Path p) {
        Path name = p.getFileName();
        return name == null ? p.toString() : name.toString();
    }

    private static int kind(String name) {
        if (VERSIONED.matcher(name).matches()) {
            return 0;
        }
        return name.startsWith("R__") ? 1 : 2;
    }

    private static int compareVersions(String a, String b) {
        Matcher ma = VERSIONED.matcher(a);
        Matcher mb = VERSIONED.matcher(b);
        if (!ma.matches() || !mb.matches()) {
            return 0;
        }
        List<BigInteger> va = versionParts(ma.group(1));
        List<BigInteger> vb = versionParts(mb.group(1));
        for (int i = 0; i < Math.max(va.size(), vb.size()); i++) {
            BigInteger x = i < va.size() ? va.get(i) : BigInteger.ZERO;
            BigInteger y = i < vb.size() ? vb.get(i) : BigInteger.ZERO;
            int c = x.compareTo(y);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    private static List<BigInteger> versionParts(String version) {
        List<BigInteger> parts = new ArrayList<>();
        Matcher m = VERSION_PART.matcher(version);
        while (m.find()) {
            parts.add(new BigInteger(m.group()));
        }
        return parts;
    }

    private static boolean isGlob(String arg) {
        return arg.chars().anyMatch(c -> c == '*' || c == '?' || c == '[' || c == '{');
    }

    private static List<Path> glob(String pattern) {
        String normalized = pattern.replace('\\', '/');
        int firstGlob = 0;
        while (firstGlob < normalized.length() && "*?[{".indexOf(normalized.charAt(firstGlob)) < 0) {
            firstGlob++;
        }
        int slash = normalized.lastIndexOf('/', firstGlob);
        Path base = slash < 0 ? Path.of("") : Path.of(normalized.substring(0, Math.max(slash, 1)));
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + normalized);
        Path walkRoot = slash < 0 ? Path.of(".") : base;
        if (!Files.isDirectory(walkRoot)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(walkRoot)) {
            return walk.filter(Files::isRegularFile)
                    .map(p -> slash < 0 ? walkRoot.relativize(p) : p)
                    .filter(matcher::matches)
                    .map(Path::normalize)
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Path> sqlFilesUnder(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile)
                    .filter(p -> fileName(p).toLowerCase(Locale.ROOT).endsWith(".sql"))
                    .map(Path::normalize)
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Reads a file as strict UTF-8 (a byte-order mark is skipped).
     *
     * @throws RoutingException when the file cannot be read or is not UTF-8
     */
    public static String read(Path file) {
        byte[] bytes;
        try {
            long size = Files.size(file);
            if (size > MAX_BYTES) {
                throw tooLarge(file.toString(), size + " bytes");
            }
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw RoutingException.of(
                    ErrorCode.MIGRATION_FAILED,
                    "cannot read migration " + file + ": " + e.getMessage() + "; check the path and its permissions",
                    e);
        }
        try {
            String text = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
            return text.startsWith("\uFEFF") ? text.substring(1) : text;
        } catch (CharacterCodingException e) {
            throw RoutingException.of(
                    ErrorCode.MIGRATION_FAILED,
                    "migration " + file + " is not UTF-8; save it as UTF-8 (Flyway reads migrations as UTF-8)",
                    e);
        }
    }

    /**
     * The error for a migration over {@link #MAX_BYTES}.
     *
     * @param file the file's name
     * @param size its size, with its unit
     */
    public static RoutingException tooLarge(String file, String size) {
        return RoutingException.of(
                ErrorCode.MIGRATION_FAILED,
                "migration " + file + " is " + size + ", over the linter's limit of " + MAX_BYTES + " bytes (1 MiB):"
                        + " split it into smaller migrations, or leave it out of linting with exclude-paths in "
                        + "routing-lint.properties (MigrationLinter.Builder.excludePaths(…))");
    }

    /**
     * Reads {@code executeInTransaction} from the file's {@code .sql.conf} sibling.
     *
     * @return the setting, or null when there is no such file or key
     * @throws RoutingException when the conf file is unreadable or the value is not a boolean
     */
    public static @Nullable Boolean executeInTransaction(Path file) {
        Path conf = file.resolveSibling(fileName(file) + ".conf");
        if (!Files.isRegularFile(conf)) {
            return null;
        }
        Properties props = new Properties();
        try (InputStream in = Files.newInputStream(conf)) {
            props.load(in);
        } catch (IOException | IllegalArgumentException e) {
            throw RoutingException.of(
                    ErrorCode.INVALID_CONFIGURATION, "cannot read " + conf + ": " + e.getMessage(), e);
        }
        String value = props.getProperty("executeInTransaction");
        if (value == null) {
            return null;
        }
        String v = value.trim().toLowerCase(Locale.ROOT);
        if (!v.equals("true") && !v.equals("false")) {
            throw RoutingException.of(
                    ErrorCode.INVALID_CONFIGURATION,
                    conf + ": executeInTransaction must be true or false, got '" + value + "'");
        }
        return Boolean.valueOf(v);
    }
}
