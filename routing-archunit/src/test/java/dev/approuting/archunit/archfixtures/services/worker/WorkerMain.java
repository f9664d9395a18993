package dev.approuting.archunit.archfixtures.services.worker;

import dev.approuting.archunit.archfixtures.apps.accounts.AccountApi;
import dev.approuting.archunit.archfixtures.services.admin.AdminSecrets;
import dev.approuting.core.CredentialsSource;
import org.jooq.DSLContext;

/** shop/worker has only the shop database, yet uses accounts and the admin service's secrets. */
public final class WorkerMain {
    private WorkerMain() {}

    public static int run(DSLContext dsl) {
        CredentialsSource borrowed = AdminSecrets.source();
        return AccountApi.count(dsl) + borrowed.hashCode();
    }
}
