package dev.approuting.archunit.archfixtures.apps.accounts;

import dev.approuting.archunit.archfixtures.apps.accounts.tables.Account;
import org.jooq.DSLContext;

/** The accounts app's API, for other apps. */
public final class AccountApi {
    private AccountApi() {}

    public static int count(DSLContext accounts) {
        return accounts.fetchCount(Account.ACCOUNT);
    }
}
