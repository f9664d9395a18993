package dev.approuting.archunit.archfixtures.apps.accounts.tables;

import org.jooq.Record;
import org.jooq.impl.DSL;
import org.jooq.impl.TableImpl;

/** Stands for a jOOQ-generated table of app accounts. */
public final class Account extends TableImpl<Record> {
    private static final long serialVersionUID = 1L;

    public static final Account ACCOUNT = new Account();

    private Account() {
        super(DSL.name("account"), DSL.schema(DSL.name("accounts")));
    }
}
