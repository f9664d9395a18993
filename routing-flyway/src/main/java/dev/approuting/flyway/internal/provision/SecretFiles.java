package dev.approuting.flyway.internal.provision;

import dev.approuting.flyway.provision.InitDbResult.Outcome;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Secret files on disk: written durably and atomically (a temporary file in the same directory, fsync,
 * rename, fsync of the directory), readable by their owner only ({@code 0600}, new directories {@code 0700}),
 * and trusted only when the invoking user owns them and nobody else may write them.
 */
public final class SecretFiles {
    private static final Set<PosixFilePermission> FILE_MODE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> DIR_MODE = PosixFilePermissions.fromString("rwx------");

    private SecretFiles() {}

    /** What a file looked like before a write, so a failed commit can put it back. */
    public static final class Previous {
        private final Path file;
        private final byte @Nullable [] content;
        private final boolean directoryExisted;

        private Previous(Path file, byte @Nullable [] content, boolean directoryExisted) {
            this.file = file;
            this.content = content;
            this.directoryExisted = directoryExisted;
        }

        /**
         * Puts the file back as it was, durably: deletes it when it did not exist, and its directory too when
         * the write created it.
         */
        public void restore() throws IOException {
            byte[] old = content;
            if (old == null) {
                Files.deleteIfExists(file);
                Path dir = parent(file);
                if (!directoryExisted) {
                    try {
                        Files.deleteIfExists(dir);
                    } catch (java.nio.file.DirectoryNotEmptyException e) {
                        // Something else was put there meanwhile: leave it.
                    }
                    dir = parent(dir);
                }
                syncDirectory(dir);
            } else {
                writeDurably(file, old);
            }
        }
    }

    /**
     * Writes {@code content} to {@code file} unless it already holds it, durably: once this returns, the
     * file survives a crash of the machine.
     *
     * @return {@link Outcome#PRESENT} when the file already held the content, else CREATED or CHANGED
     */
    static Outcome write(Path file, String content) throws IOException {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        boolean exists = Files.isRegularFile(file);
        if (exists && java.util.Arrays.equals(Files.readAllBytes(file), bytes)) {
            return Outcome.PRESENT;
        }
        writeDurably(file, bytes);
        return exists ? Outcome.CHANGED : Outcome.CREATED;
    }

    /** Returns what {@code file} holds now, to restore it if the run fails after writing it. */
    static Previous remember(Path file) throws IOException {
        return new Previous(
                file, Files.isRegularFile(file) ? Files.readAllBytes(file) : null, Files.isDirectory(parent(file)));
    }

    private static void writeDurably(Path file, byte[] bytes) throws IOException {
        Path dir = parent(file);
        createDirectories(dir);
        Path temp = posix(dir)
                ? Files.createTempFile(dir, ".approuting-", ".tmp", PosixFilePermissions.asFileAttribute(FILE_MODE))
                : Files.createTempFile(dir, ".approuting-", ".tmp");
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            syncDirectory(dir);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** Creates {@code dir} and its missing parents readable by their owner only ({@code 0700}). */
    static void createDirectories(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            return;
        }
        Path parent = dir.toAbsolutePath().getParent();
        if (parent != null) {
            createDirectories(parent);
        }
        if (posix(parent == null ? dir : parent)) {
            FileAttribute<Set<PosixFilePermission>> mode = PosixFilePermissions.asFileAttribute(DIR_MODE);
            Files.createDirectory(dir, mode);
        } else {
            Files.createDirectory(dir);
        }
        if (parent != null) {
            syncDirectory(parent);
        }
    }

    /**
     * Checks that files can be written in {@code dir} (created when missing): creates and deletes a
     * temporary file there, so a read-only or full directory is found before anything changes.
     *
     * @return the problem, or empty when the directory is writable
     */
    static Optional<String> writableProblem(Path dir, String what) {
        try {
            createDirectories(dir);
            Optional<String> trust = trustProblem(dir, what);
            if (trust.isPresent()) {
                return trust;
            }
            Path probe = Files.createTempFile(dir, ".approuting-probe-", ".tmp");
            Files.write(probe, new byte[] {'\n'});
            Files.delete(probe);
            return Optional.empty();
        } catch (IOException | SecurityException e) {
            return Optional.of(what + " " + dir + " is not writable (" + e + "): make it writable by the user"
                    + " running init-db, or point at another directory");
        }
    }

    /**
     * Checks that {@code path} (a secret file or a directory holding secrets) may be trusted: owned by the
     * invoking user and not writable by its group or others, so no other local user can have put a
     * password there. Paths that do not exist, and file systems without POSIX permissions, pass.
     *
     * @return the problem, or empty when it may be trusted
     */
    static Optional<String> trustProblem(Path path, String what) {
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS) || !posix(path)) {
            return Optional.empty();
        }
        try {
            PosixFileAttributes attributes =
                    Files.readAttributes(path, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            List<String> reasons = new ArrayList<>();
            if (attributes.isSymbolicLink()) {
                reasons.add("is a symbolic link");
            }
            UserPrincipal me = path.getFileSystem()
                    .getUserPrincipalLookupService()
                    .lookupPrincipalByName(System.getProperty("user.name"));
            if (!attributes.owner().equals(me)) {
                reasons.add("is owned by " + attributes.owner().getName() + ", not by " + me.getName());
            }
            Set<PosixFilePermission> mode = attributes.permissions();
            if (mode.contains(PosixFilePermission.OTHERS_WRITE) || mode.contains(PosixFilePermission.GROUP_WRITE)) {
                reasons.add(
                        "is writable by " + (mode.contains(PosixFilePermission.OTHERS_WRITE) ? "others" : "its group")
                                + " (mode " + PosixFilePermissions.toString(mode) + ")");
            }
            if (reasons.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(what + " " + path + " " + String.join(" and ", reasons)
                    + ": another user could have put a password there, so it is not used; check its content, then"
                    + " chown it to " + me.getName() + " and chmod go-w (0600 for files, 0700 for directories),"
                    + " or use another directory");
        } catch (IOException e) {
            return Optional.of("cannot check the owner of " + what + " " + path + ": " + e);
        }
    }

    private static Path parent(Path file) {
        Path absolute = file.toAbsolutePath();
        Path parent = absolute.getParent();
        return parent == null ? absolute.getRoot() : parent;
    }

    private static boolean posix(Path path) {
        return path.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    private static void syncDirectory(Path dir) throws IOException {
        if (!posix(dir)) {
            return;
        }
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }
}
