package dev.approuting.archunit.archfixtures.connections.bad;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.postgresql.ds.PGSimpleDataSource;

public final class OpensItsOwnConnections {
    private OpensItsOwnConnections() {}

    public static Connection driverManager() throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://localhost/users");
    }

    public static DataSource pgSimple() {
        return new PGSimpleDataSource();
    }

    public static DSLContext overConnection(Connection connection) {
        return DSL.using(connection, SQLDialect.POSTGRES);
    }

    public static DSLContext overUrl() {
        return DSL.using("jdbc:postgresql://localhost/users");
    }
}
