package dev.approuting.testkit.internal;

import com.zaxxer.hikari.HikariDataSource;
import dev.approuting.core.DbName;
import dev.approuting.core.RoutedDatabases;
import dev.approuting.core.ServiceRouting;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * One set of clones whose every database is reached through one connection held in a transaction;
 * {@link #rollback()} undoes what a test did. Used by one test at a time.
 */
public final class RollbackSession {
    private final String key;
    private final CloneSet clones;
    private final Map<DbName, RollbackDataSource> sources;

    RollbackSession(String key, ServiceRouting routing, Map<DbName, Template> templates) {
        this.key = key;
        Map<DbName, RollbackDataSource> byDb = new LinkedHashMap<>();
        Map<DbName, DataSource> asDataSources = new LinkedHashMap<>();
        templates.forEach((db, template) -> {
            RollbackDataSource source = new RollbackDataSource(db);
            byDb.put(db, source);
            asDataSources.put(db, source);
        });
        this.clones = new CloneSet(routing, templates, asDataSources);
        byDb.forEach((db, source) -> source.target(clones.credentials(db)));
        this.sources = byDb;
    }

    String key() {
        return key;
    }

    public RoutedDatabases databases() {
        return clones.databases();
    }

    public CloneSet clones() {
        return clones;
    }

    /**
     * Returns the databases where a connection taken from the pool is still out: the pools have one
     * connection each, so the next test would wait for it.
     */
    List<DbName> leaked() {
        List<DbName> leaked = new ArrayList<>();
        sources.forEach((db, source) -> {
            if (source.opened() && activeConnections(db) > 0) {
                leaked.add(db);
            }
        });
        return leaked;
    }

    private int activeConnections(DbName db) {
        try {
            return clones.databases()
                    .dataSource(db)
                    .unwrap(HikariDataSource.class)
                    .getHikariPoolMXBean()
                    .getActiveConnections();
        } catch (SQLException e) {
            throw new IllegalStateException(db + ": the rollback pool is not a HikariCP pool", e);
        }
    }

    /** Undoes everything done since the last rollback, in every database. */
    void rollback() {
        sources.values().forEach(RollbackDataSource::rollback);
    }

    /** Closes the pools and the connections, and drops the clones in the background. */
    void discard() {
        close();
        clones.close();
    }

    /** Closes the connections and returns the clone names. */
    List<String> close() {
        List<String> names = new ArrayList<>(clones.closeKeeping());
        sources.values().forEach(RollbackDataSource::close);
        return names;
    }
}
