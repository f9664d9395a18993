package dev.approuting.examples.users;

import static dev.approuting.examples.users.db.Tables.USER_ACCOUNT;

import dev.approuting.core.AppName;
import dev.approuting.core.RoutedDatabases;
import dev.approuting.examples.AppData;
import dev.approuting.examples.users.db.tables.records.UserAccountRecord;
import java.util.Optional;

/** Accounts of the people who sign in. */
public final class Accounts extends AppData {
    /** This app. */
    public static final AppName APP = AppName.of("users");

    /** Works in the database {@code users} is routed to in the service of {@code dbs}. */
    public Accounts(RoutedDatabases dbs) {
        super(dbs, APP);
    }

    /** Creates an account and returns its id. */
    public long signUp(String email, String displayName) {
        return insert(new UserAccountRecord(null, email, displayName, null, null), USER_ACCOUNT.ID);
    }

    /** Returns the id of the account with {@code email}, if any. */
    public Optional<Long> find(String email) {
        return dbs.dsl(APP)
                .select(USER_ACCOUNT.ID)
                .from(USER_ACCOUNT)
                .where(USER_ACCOUNT.EMAIL.eq(email))
                .fetchOptional(USER_ACCOUNT.ID);
    }

    /** Returns how many accounts exist. */
    public int count() {
        return dbs.dsl(APP).fetchCount(USER_ACCOUNT);
    }
}
