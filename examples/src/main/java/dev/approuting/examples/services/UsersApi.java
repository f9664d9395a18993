package dev.approuting.examples.services;

import static dev.approuting.examples.oauth.db.Tables.ACCESS_TOKEN;
import static dev.approuting.examples.users.db.Tables.USER_ACCOUNT;

import dev.approuting.core.AppName;
import dev.approuting.core.RoutedDatabases;
import dev.approuting.examples.routing.CompanyRegistry;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.Optional;

/** The users service: signs people up and issues access tokens. */
public final class UsersApi {
    static final AppName USERS = AppName.of("users");
    static final AppName OAUTH = AppName.of("oauth");

    private final RoutedDatabases dbs;
    private final SecureRandom random = new SecureRandom();

    /** Uses the databases of {@link CompanyRegistry#USERS_API}. */
    public UsersApi(RoutedDatabases dbs) {
        this.dbs = dbs;
    }

    /** Creates an account and returns its id. */
    public long signUp(String email, String displayName) {
        return dbs.dsl(USERS)
                .insertInto(USER_ACCOUNT)
                .set(USER_ACCOUNT.EMAIL, email)
                .set(USER_ACCOUNT.DISPLAY_NAME, displayName)
                .returning(USER_ACCOUNT.ID)
                .fetchSingle(USER_ACCOUNT.ID);
    }

    /** Returns the id of the account with {@code email}, if any. */
    public Optional<Long> findUser(String email) {
        return dbs.dsl(USERS)
                .select(USER_ACCOUNT.ID)
                .from(USER_ACCOUNT)
                .where(USER_ACCOUNT.EMAIL.eq(email))
                .fetchOptional(USER_ACCOUNT.ID);
    }

    /** Issues a token valid for a day and returns it; only its hash is stored. */
    public String issueToken(long userId) {
        byte[] bytes = new byte[24];
        random.nextBytes(bytes);
        String token = HexFormat.of().formatHex(bytes);
        dbs.transaction(
                OAUTH,
                dsl -> dsl.insertInto(ACCESS_TOKEN)
                        .set(ACCESS_TOKEN.USER_ID, userId)
                        .set(ACCESS_TOKEN.TOKEN_HASH, sha256(token))
                        .set(
                                ACCESS_TOKEN.EXPIRES_AT,
                                OffsetDateTime.now(ZoneOffset.UTC).plusDays(1))
                        .execute());
        return token;
    }

    /** Returns whether {@code token} is a live token. */
    public boolean isValid(String token) {
        return dbs.dsl(OAUTH)
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

    /** Runs the service against the deployment's databases: signs up the user given as arguments. */
    public static void main(String[] args) {
        try (RoutedDatabases dbs = Deployment.open(CompanyRegistry.USERS_API, Deployment.credentials())) {
            UsersApi api = new UsersApi(dbs);
            long id = api.signUp(args.length > 0 ? args[0] : "ada@example.com", args.length > 1 ? args[1] : "Ada");
            api.issueToken(id);
        }
    }
}
