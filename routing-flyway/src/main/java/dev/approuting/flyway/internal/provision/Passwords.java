package dev.approuting.flyway.internal.provision;

import java.security.SecureRandom;

/** Generates passwords for login roles. */
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
}
