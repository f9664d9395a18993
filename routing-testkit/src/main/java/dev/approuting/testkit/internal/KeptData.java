package dev.approuting.testkit.internal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded server's data directory kept between runs on a developer machine, so the next JVM
 * finds its templates and migrates nothing: {@code target/approuting-pgdata-embedded-{version}} under
 * the working directory (Maven's {@code target}, else Gradle's {@code build}, else the temporary
 * directory). Not kept when the environment variable {@code CI} is set, when
 * {@code approuting.test.postgres.keep=false} (or {@code APPROUTING_TEST_POSTGRES_KEEP=false}), or when
 * a data directory is named explicitly.
 *
 * <p>A directory is held by one JVM at a time, through a lock file next to it: a second JVM started
 * at the same time (a parallel build, another fork) takes the next directory ({@code -2} … {@code -4})
 * and, when all are held, a throwaway one.
 */
final class KeptData implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(KeptData.class);
    /** How many directories concurrent JVMs of one working directory may keep. */
    static final int SLOTS = 4;

    private final Path directory;
    private final FileChannel channel;
    private final FileLock lock;

    private KeptData(Path directory, FileChannel channel, FileLock lock) {
        this.directory = directory;
        this.channel = channel;
        this.lock = lock;
    }

    Path directory() {
        return directory;
    }

    /**
     * Returns whether the data directory is kept by default here: not in CI, not switched off, and not
     * named explicitly (then the named one is used as it is).
     */
    static boolean enabled(Map<?, ?> properties, Map<String, String> env) {
        if (isSet(properties.get("approuting.test.postgres.dataDir"))
                || isSet(env.get("APPROUTING_TEST_POSTGRES_DATA_DIR"))) {
            return false;
        }
        String ci = env.get("CI");
        if (ci != null && !ci.isBlank() && !ci.trim().equalsIgnoreCase("false")) {
            return false;
        }
        Object keep = properties.get("approuting.test.postgres.keep");
        String value = keep != null ? keep.toString() : env.get("APPROUTING_TEST_POSTGRES_KEEP");
        return value == null || !value.trim().equalsIgnoreCase("false");
    }

    /**
     * Claims a kept data directory for the server {@code providerId} names (its binaries version), under
     * {@code workingDirectory}; returns {@code null} when every one is held by another JVM or none can
     * be made (the caller then uses a throwaway directory).
     */
    static @Nullable KeptData claim(Path workingDirectory, String providerId) {
        Path base = base(workingDirectory);
        String name = "approuting-pgdata-" + providerId.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9.]+", "-");
        try {
            Files.createDirectories(base);
        } catch (IOException e) {
            log.debug("cannot create {} for a kept data directory: {}", base, e.toString());
            return null;
        }
        for (int i = 1; i <= SLOTS; i++) {
            Path dir = base.resolve(i == 1 ? name : name + "-" + i);
            FileChannel channel = null;
            try {
                channel = FileChannel.open(
                        dir.resolveSibling(dir.getFileName() + ".lock"),
                        StandardOpenOption.CREATE,
                        StandardOpenOption.WRITE);
                FileLock lock = channel.tryLock();
                if (lock != null) {
                    return new KeptData(dir, channel, lock);
                }
                channel.close();
            } catch (IOException | OverlappingFileLockException e) {
                closeQuietly(channel);
            }
        }
        log.info("every kept data directory under {} is in use by another JVM: using a throwaway one", base);
        return null;
    }

    /** Returns {@code target} (Maven) or {@code build} (Gradle) under the working directory, else the temporary directory. */
    static Path base(Path workingDirectory) {
        for (String candidate : new String[] {"target", "build"}) {
            Path dir = workingDirectory.resolve(candidate);
            if (Files.isDirectory(dir)) {
                return dir;
            }
        }
        return Path.of(System.getProperty("java.io.tmpdir"), "approuting-" + System.getProperty("user.name", "user"));
    }

    private static boolean isSet(@Nullable Object value) {
        return value != null && !value.toString().isBlank();
    }

    private static void closeQuietly(@Nullable FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // Nothing held.
            }
        }
    }

    /** Lets the next JVM have the directory. */
    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException ignored) {
            // Closing the channel releases it too.
        }
        closeQuietly(channel);
    }
}
