package dev.approuting.flyway.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Set;
import java.util.TreeSet;
import javax.sql.DataSource;

/** Finds the schemas of a database that hold a Flyway history table. */
public final class History {
    private static final String QUERY = "SELECT n.nspname FROM pg_catalog.pg_class c"
            + " JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
            + " WHERE c.relname = ? AND c.relkind IN ('r', 'p')";

    private History() {}

    /** Returns the names of the schemas holding {@code flyway_schema_history}, sorted. */
    public static Set<String> schemasWithHistory(DataSource dataSource) throws SQLException {
        Set<String> schemas = new TreeSet<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(QUERY)) {
            statement.setString(1, AppFlyway.HISTORY_TABLE);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    schemas.add(rows.getString(1));
                }
            }
        }
        return schemas;
    }
}
