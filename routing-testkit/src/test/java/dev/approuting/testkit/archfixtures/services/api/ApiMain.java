package dev.approuting.testkit.archfixtures.services.api;

import dev.approuting.core.CredentialsSource;
import dev.approuting.testkit.archfixtures.apps.accounts.AccountApi;
import org.jooq.DSLContext;

/** shop/api routes accounts (users database) and reads its own secrets. */
public final class ApiMain {
    private ApiMain() {}

    public static int run(DSLContext accounts) {
        CredentialsSource source = ApiSecrets.source();
        return AccountApi.count(accounts) + source.hashCode();
    }
}
