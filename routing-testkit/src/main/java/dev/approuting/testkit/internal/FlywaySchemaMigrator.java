package dev.approuting.testkit.internal;

import dev.approuting.core.AppName;
import dev.approuting.core.DbCredentials;
import dev.approuting.core.DbName;
import dev.approuting.core.RoutingException;
import dev.approuting.flyway.DatabaseMigrator;
import dev.approuting.flyway.MigrationConfig;
import dev.approuting.lint.MigrationLinter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Migrates with routing-flyway, exactly as the service's migrate-all would.
 *
 * <p>The content hash of an app list is computed once and kept: hashing reads every script (and, for
 * {@code classpath:} locations in jars, walks every jar entry), which would otherwise be paid by every
 * test. Scripts on the class path do not change while a JVM runs its tests, so their hash is kept as
 * it is. Scripts under {@code filesystem:} locations may change (a test writing scripts, an editor
 * saving one): for those the kept hash is reused only while every {@code .sql} file under them has
 * the same relative path, size and modification time; otherwise the scripts are hashed again.
 */
public final class FlywaySchemaMigrator implements SchemaMigrator {
    private static final String FILESYSTEM = "filesystem:";

    private final MigrationConfig config;
    private final boolean allowUnsafe;
    private final Map<List<AppName>, Hashed> hashes = new ConcurrentHashMap<>();

    /**
     * Creates a migrator over {@code config}; unless {@code allowUnsafe}, pending migrations with an
     * error-level lint finding are refused, as migrate-all refuses them.
     */
    public FlywaySchemaMigrator(MigrationConfig config, boolean allowUnsafe) {
        this.config = config;
        this.allowUnsafe = allowUnsafe;
    }

    /** Returns a gated migrator with the default locations, {@code classpath:db/migration/{app}}. */
    public static FlywaySchemaMigrator defaults() {
        return new FlywaySchemaMigrator(MigrationConfig.defaults(), false);
    }

    /** A content hash and the state of the file-system scripts it was computed from. */
    private record Hashed(String stamp, String hash) {}

    /**
     * Returns the scripts' hash; a migrator that lets unsafe migrations through hashes differently, so its
     * templates are never taken for ones that passed the gate.
     */
    @Override
    public String contentHash(List<AppName> apps) {
        List<AppName> key = List.copyOf(apps);
        String stamp = fileSystemStamp(key);
        Hashed kept = hashes.get(key);
        if (kept != null && kept.stamp().equals(stamp)) {
            return kept.hash();
        }
        String hash = config.contentHash(key) + (allowUnsafe ? "+unsafe" : "");
        hashes.put(key, new Hashed(stamp, hash));
        return hash;
    }

    /**
     * Returns path, size and modification time of every script under the {@code filesystem:} locations
     * of {@code apps}; empty when they have none, as with the default class-path locations.
     */
    private String fileSystemStamp(List<AppName> apps) {
        StringBuilder stamp = new StringBuilder();
        for (AppName app : apps) {
            for (String location : config.settingsFor(app).locationsFor(app)) {
                if (location.startsWith(FILESYSTEM)) {
                    stamp.append(app).append('|').append(location).append('\n');
                    stamp.append(describeScripts(Path.of(location.substring(FILESYSTEM.length()))));
                }
            }
        }
        return stamp.toString();
    }

    /**
     * Describes the scripts under {@code dir}; when they cannot be listed, returns a description that
     * matches no earlier one, so the scripts are hashed again and the hash reports the problem.
     */
    private static String describeScripts(Path dir) {
        if (!Files.isDirectory(dir)) {
            return "";
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            StringBuilder described = new StringBuilder();
            for (Path script : walk.filter(p -> p.getFileName().toString().endsWith(".sql"))
                    .sorted()
                    .toList()) {
                BasicFileAttributes attributes = Files.readAttributes(script, BasicFileAttributes.class);
                described
                        .append(dir.relativize(script))
                        .append(' ')
                        .append(attributes.size())
                        .append(' ')
                        .append(attributes.lastModifiedTime())
                        .append('\n');
            }
            return described.toString();
        } catch (IOException | UncheckedIOException e) {
            return "unreadable " + System.nanoTime();
        }
    }

    @Override
    public void migrate(DbName db, List<AppName> apps, DbCredentials target) {
        DatabaseMigrator.Builder migrator =
                DatabaseMigrator.configure(db, target).apps(apps).config(config);
        if (!allowUnsafe) {
            migrator.lintGate(MigrationLinter.configure().load());
        }
        try {
            migrator.load().migrate().orThrow();
        } catch (RoutingException e) {
            // The library names its API; a test opts out on its annotation.
            String message = String.valueOf(e.getMessage())
                    .replace(
                            "or migrate anyway with allowUnsafe(true)",
                            "or, for a test of migrations unsafe on purpose, @RoutingTest(..., allowUnsafeMigrations ="
                                    + " true)")
                    .replace(". Fix the script or the database, then run the migration again", "");
            throw e.app().isPresent()
                    ? RoutingException.forApp(e.code(), e.app().get(), db, message)
                    : RoutingException.forDatabase(e.code(), db, message, e);
        }
    }
}
