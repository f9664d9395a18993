package dev.approuting.archunit.archfixtures.services.api;

import dev.approuting.archunit.archfixtures.apps.accounts.AccountApi;
import dev.approuting.core.CredentialsSource;
import org.jooq.DSLContext;

/** shop/api routes accounts (users database) and reads its own secrets. */
public final class ApiMain {
    private ApiMain() {}

    public static int run(DSLContext accounts) {
        CredentialsSource source = ApiSecrets.source();
        return AccountApi.count(accounts) + source.hashCode();
    }
}
