package dev.approuting.flyway.internal.provision;

import dev.approuting.core.ErrorCode;
import dev.approuting.core.RoutingException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;

/** Generates passwords for login roles, and reads the passwords the command line is given. */
public final class Passwords {
    /** Letters and digits only: safe in JSON, YAML, URLs and shells without quoting. */
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    /** 40 characters of 62 symbols: about 238 bits. */
    public static final int LENGTH = 40;

    private static final SecureRandom RANDOM = new SecureRandom();

    private Passwords() {}

    /** Returns a new random password of {@value #LENGTH} letters and digits. */
    public static String generate() {
        StringBuilder b = new StringBuilder(LENGTH);
        for (int i = 0; i < LENGTH; i++) {
            b.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return b.toString();
    }

    /**
     * Returns the password in {@code file}, without surrounding white space (the trailing newline of
     * {@code echo pw > file}).
     *
     * @param option the command-line option that named the file, for the message
     * @throws RoutingException with {@link ErrorCode#INVALID_CONFIGURATION} when the file cannot be read
     */
    public static String fromFile(Path file, String option) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new RoutingException(
                    ErrorCode.INVALID_CONFIGURATION,
                    "cannot read the password of " + option + " " + file + " ("
                            + e.getClass().getSimpleName() + "): check the path and its permissions");
        }
    }
}
