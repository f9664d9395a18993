package dev.approuting.examples.services.usersapi;

import dev.approuting.core.RoutedDatabases;
import dev.approuting.examples.oauth.Tokens;
import dev.approuting.examples.routing.CompanyRegistry;
import dev.approuting.examples.services.Deployment;
import dev.approuting.examples.users.Accounts;
import java.time.Duration;

/** The {@code users/api} service: signs people up and issues their tokens (users and oauth apps, users database). */
public final class UsersApi {
    private final Accounts accounts;
    private final Tokens tokens;

    /** Uses the databases of {@link CompanyRegistry#USERS_API}. */
    public UsersApi(RoutedDatabases dbs) {
        this.accounts = new Accounts(dbs);
        this.tokens = new Tokens(dbs);
    }

    /** Signs a person up and returns a token for their first session. */
    public String signUp(String email, String displayName) {
        long id = accounts.signUp(email, displayName);
        return tokens.issue(id, Duration.ofDays(1));
    }

    /** Returns whether {@code token} opens a session. */
    public boolean signIn(String token) {
        return tokens.isValid(token);
    }

    /** Runs the service against the deployment's databases: signs up the person given as arguments. */
    public static void main(String[] args) {
        try (RoutedDatabases dbs = Deployment.open(CompanyRegistry.USERS_API, Deployment.credentials())) {
            new UsersApi(dbs).signUp(args.length > 0 ? args[0] : "ada@example.com", args.length > 1 ? args[1] : "Ada");
        }
    }
}
