package dev.approuting.flyway.internal;

import dev.approuting.core.AppName;
import dev.approuting.core.DbName;
import dev.approuting.core.support.Sql;
import dev.approuting.flyway.MigrationError;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Explains a failed migration of an app whose schema holds an invalid index ({@code pg_index.indisvalid =
 * false}): what a {@code CREATE INDEX CONCURRENTLY} (or {@code REINDEX CONCURRENTLY}) leaves when it
 * fails, is cancelled, or its process is killed (kill -9) — outside any transaction, so nothing rolls it
 * back. The history then has no row for the migration (killed) or a failed one (failed), and every rerun
 * fails on "already exists" or on the failed row. The way out: drop the invalid index, repair, migrate.
 */
public final class InvalidIndexes {
    private static final Logger log = LoggerFactory.getLogger(InvalidIndexes.class);
    private static final String SQL = "SELECT n.nspname, c.relname, t.relname FROM pg_index i"
            + " JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_class t ON t.oid = i.indrelid"
            + " JOIN pg_namespace n ON n.oid = c.relnamespace"
            + " WHERE NOT i.indisvalid AND n.nspname = ? ORDER BY c.relname";

    private InvalidIndexes() {}

    /**
     * Returns {@code error} with the way out added when the app's schema holds invalid indexes, else
     * {@code error} itself (also when they cannot be read).
     */
    public static MigrationError explain(DbName db, AppName app, MigrationError error, DataSource dataSource) {
        List<String> indexes = new ArrayList<>();
        List<String> drops = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(SQL)) {
            s.setString(1, app.value());
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    String qualified = Sql.ident(rs.getString(1)) + "." + Sql.ident(rs.getString(2));
                    indexes.add(rs.getString(1) + "." + rs.getString(2) + " (on " + rs.getString(3) + ")");
                    drops.add("DROP INDEX CONCURRENTLY IF EXISTS " + qualified + ";");
                }
            }
        } catch (SQLException e) {
            log.debug("{}: app {}: cannot look for invalid indexes: {}", db, app, e.getMessage());
            return error;
        }
        if (indexes.isEmpty()) {
            return error;
        }
        String message = error.message()
                + "\nIn database '" + db + "', app '" + app + "' has "
                + (indexes.size() == 1 ? "an invalid index: " : "invalid indexes: ")
                + String.join(", ", indexes)
                + ". A CREATE INDEX CONCURRENTLY (or REINDEX CONCURRENTLY) was interrupted (its process killed,"
                + " its connection lost, cancelled) or failed, and left it behind with no history row or a failed"
                + " one, so every rerun fails. Way out: drop it with " + String.join(" ", drops)
                + " then repair() (routing repair) to remove a failed history row, and migrate again (routing"
                + " migrate-all); docs/guarantees.md states this limit";
        return new MigrationError(message, error.script(), error.line(), error.sqlState(), error.code());
    }
}
