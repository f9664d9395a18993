package dev.approuting.archunit.archfixtures.apps.workflow.bad;

import dev.approuting.archunit.archfixtures.apps.accounts.tables.Account;
import org.jooq.DSLContext;

/** Workflow reading the accounts table, which shop/api routes to another database. */
public final class ReadsAccountsTable {
    private ReadsAccountsTable() {}

    public static int accounts(DSLContext workflow) {
        return workflow.fetchCount(Account.ACCOUNT);
    }
}
