package dev.approuting.archunit.archfixtures.connections.good;

import dev.approuting.core.DbName;
import dev.approuting.core.RoutedDatabases;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

public final class UsesRoutedDatabases {
    private UsesRoutedDatabases() {}

    public static DataSource users(RoutedDatabases dbs) {
        return dbs.dataSource(DbName.of("users"));
    }

    public static DSLContext renderOnly() {
        return DSL.using(SQLDialect.POSTGRES);
    }
}
