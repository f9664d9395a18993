package dev.approuting.flyway.internal.provision;

import dev.approuting.flyway.provision.InitDbResult.Outcome;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/** Writes secret files readable by their owner only, atomically, so a reader never sees half a file. */
final class SecretFiles {
    private SecretFiles() {}

    /**
     * Writes {@code content} to {@code file} unless it already holds it.
     *
     * @return {@link Outcome#PRESENT} when the file already held the content, else CREATED or CHANGED
     */
    static Outcome write(Path file, String content) throws IOException {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        boolean exists = Files.isRegularFile(file);
        if (exists && java.util.Arrays.equals(Files.readAllBytes(file), bytes)) {
            return Outcome.PRESENT;
        }
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path temp = Files.createTempFile(dir, ".approuting-", ".tmp");
        try {
            if (Files.getFileStore(temp).supportsFileAttributeView("posix")) {
                Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-------"));
            }
            Files.write(temp, bytes);
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
        return exists ? Outcome.CHANGED : Outcome.CREATED;
    }
}
