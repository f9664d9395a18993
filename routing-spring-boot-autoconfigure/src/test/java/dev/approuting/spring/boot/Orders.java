package dev.approuting.spring.boot;

import org.jooq.DSLContext;
import org.springframework.stereotype.Service;

/** A service bean of the test application: writes users and billing rows, each in its app's transaction. */
@Service
public class Orders {
    private final DSLContext users;
    private final DSLContext billing;

    public Orders(@App("users") DSLContext users, @App("billing") DSLContext billing) {
        this.users = users;
        this.billing = billing;
    }

    @AppTransactional("users")
    public void addUser(long id, String name) {
        users.execute("INSERT INTO item (id, name) VALUES (" + id + ", '" + name + "')");
    }

    @AppTransactional("billing")
    public void bill(long id) {
        billing.execute("INSERT INTO item (id, name) VALUES (" + id + ", 'invoice')");
    }

    public int users() {
        return users.fetchCount(users.selectFrom("item"));
    }

    public int bills() {
        return billing.fetchCount(billing.selectFrom("item"));
    }
}
