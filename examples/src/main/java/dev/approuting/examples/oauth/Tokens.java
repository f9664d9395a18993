package dev.approuting.examples.oauth;

import static dev.approuting.examples.oauth.db.Tables.ACCESS_TOKEN;

import dev.approuting.core.AppName;
import dev.approuting.core.RoutedDatabases;
import dev.approuting.examples.AppData;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;

/** Access tokens: only their SHA-256 hash is stored. */
public final class Tokens extends AppData {
    /** This app. */
    public static final AppName APP = AppName.of("oauth");

    private final SecureRandom random = new SecureRandom();

    /** Works in the database {@code oauth} is routed to in the service of {@code dbs}. */
    public Tokens(RoutedDatabases dbs) {
        super(dbs, APP);
    }

    /** Issues a token for {@code userId}, valid for {@code lifetime}, and returns it. */
    public String issue(long userId, Duration lifetime) {
        byte[] bytes = new byte[24];
        random.nextBytes(bytes);
        String token = HexFormat.of().formatHex(bytes);
        dbs.transaction(
                APP,
                dsl -> dsl.insertInto(ACCESS_TOKEN)
                        .set(ACCESS_TOKEN.USER_ID, userId)
                        .set(ACCESS_TOKEN.TOKEN_HASH, sha256(token))
                        .set(
                                ACCESS_TOKEN.EXPIRES_AT,
                                OffsetDateTime.now(ZoneOffset.UTC).plus(lifetime))
                        .execute());
        return token;
    }

    /** Returns whether {@code token} was issued and has not expired. */
    public boolean isValid(String token) {
        return dbs.dsl(APP)
                .fetchExists(
                        ACCESS_TOKEN,
                        ACCESS_TOKEN.TOKEN_HASH.eq(sha256(token)),
                        ACCESS_TOKEN.EXPIRES_AT.gt(OffsetDateTime.now(ZoneOffset.UTC)));
    }

    private static String sha256(String value) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
