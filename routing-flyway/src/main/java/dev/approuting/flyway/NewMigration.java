package dev.approuting.flyway;

import dev.approuting.core.AppName;
import dev.approuting.core.ErrorCode;
import dev.approuting.core.RoutingException;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Writes the next versioned migration file of an app: {@code {root}/{app}/V{version}__{description}.sql}.
 *
 * <p>Versions are UTC timestamps, {@code yyyyMMddHHmmss}: two branches adding a migration to the same
 * app get different versions without talking to each other, where sequential numbers would both pick
 * the next number. When a branch merged late brings a version older than one already applied, Flyway
 * applies it anyway because approuting turns {@link FlywaySettings#outOfOrder()} on by default. A new
 * version is always above every version already in the folder.
 *
 * <pre>{@code
 * Path file = NewMigration.configure(Path.of("src/main/resources/db/migration"), AppName.of("workflow"))
 *         .description("add index on state")
 *         .write(); // .../workflow/V20260126143005__add_index_on_state.sql
 * }</pre>
 */
public final class NewMigration {
    private static final DateTimeFormatter VERSION =
            DateTimeFormatter.ofPattern("yyyyMMddHHmmss", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final Pattern VERSIONED = Pattern.compile("^V(\\d+)[^_]*__.*\\.sql$");

    private final Path root;
    private final AppName app;
    private String description = "";
    private Clock clock = Clock.systemUTC();

    private NewMigration(Path root, AppName app) {
        this.root = root;
        this.app = app;
    }

    /** Starts a migration file for {@code app} under {@code root} (the folder holding one folder per app). */
    public static NewMigration configure(Path root, AppName app) {
        return new NewMigration(root, app);
    }

    /** Sets what the migration does, in a few words; it becomes the file name's description. */
    public NewMigration description(String description) {
        this.description = description;
        return this;
    }

    /** Sets the clock the version is read from (default: the system's, in UTC). */
    public NewMigration clock(Clock clock) {
        this.clock = clock;
        return this;
    }

    /**
     * Writes the file (creating the app's folder) and returns its path.
     *
     * @throws RoutingException with {@link ErrorCode#INVALID_CONFIGURATION} when the description has no
     *     letter or digit, or {@link ErrorCode#MIGRATION_FAILED} when the file cannot be written
     */
    public Path write() {
        String slug = description
                .toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9]+", "_")
                .replaceAll("^_+|_+$", "");
        if (slug.isEmpty()) {
            throw RoutingException.forApp(
                    ErrorCode.INVALID_CONFIGURATION,
                    app,
                    "new migration for app '" + app + "': the description '" + description
                            + "' has no letter or digit: say what the migration does, such as \"add index on state\"");
        }
        if (slug.length() > 60) {
            slug = slug.substring(0, 60).replaceAll("_+$", "");
        }
        Path dir = root.resolve(app.value());
        try {
            Files.createDirectories(dir);
            BigInteger version = new BigInteger(VERSION.format(clock.instant()));
            BigInteger newest = newestVersion(dir);
            if (newest.compareTo(version) >= 0) {
                version = newest.add(BigInteger.ONE);
            }
            Path file = dir.resolve("V" + version + "__" + slug + ".sql");
            String header = "-- " + description.strip() + "\n-- app " + app
                    + ": runs in schema ${app} of every database the app is routed to\n\n";
            return Files.writeString(file, header, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW);
        } catch (IOException e) {
            throw RoutingException.forApp(
                    ErrorCode.MIGRATION_FAILED,
                    app,
                    "new migration for app '" + app + "': cannot write into " + dir + ": " + e.getMessage(),
                    e);
        }
    }

    private static BigInteger newestVersion(Path dir) throws IOException {
        BigInteger newest = BigInteger.ZERO;
        List<Path> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = list.toList();
        }
        for (Path file : files) {
            Matcher m = VERSIONED.matcher(file.getFileName().toString());
            if (m.matches()) {
                newest = newest.max(new BigInteger(m.group(1)));
            }
        }
        return newest;
    }
}
