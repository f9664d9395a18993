package dev.approuting.testkit.internal;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import dev.approuting.core.CredentialsSource;
import dev.approuting.core.DbCredentials;
import dev.approuting.core.DbName;
import dev.approuting.core.RoutedDatabases;
import dev.approuting.core.RoutingException;
import dev.approuting.core.ServiceRouting;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@link RoutedDatabases} of one service kept across {@link dev.approuting.testkit.Isolation#FRESH}
 * tests: its pools (and jOOQ contexts) are opened once and pointed at each test's clones, instead of
 * opening and closing a HikariCP pool per database per test. One test holds a slot at a time; tests
 * running at once hold different slots.
 *
 * <p>Between tests the slot is parked: its sources refuse new connections, connections of the ended
 * test refuse work (see {@link RetargetedDataSource}) and the pools evict them.
 */
final class PoolSlot implements AutoCloseable {
    private final ServiceRouting routing;
    private final Map<DbName, RetargetedDataSource> sources = new LinkedHashMap<>();
    private final Map<DbName, DbCredentials> current = new ConcurrentHashMap<>();
    private final RoutedDatabases databases;

    PoolSlot(ServiceRouting routing, String applicationName) {
        this.routing = routing;
        RoutedDatabases.Builder builder = RoutedDatabases.configure(routing)
                .credentials(new CurrentCredentials())
                .credentialsCheckInterval(Duration.ZERO)
                .poolSettings(CloneSet.POOL);
        for (DbName db : routing.databases()) {
            RetargetedDataSource source = new RetargetedDataSource(db, applicationName);
            sources.put(db, source);
            builder.connectionSource(db, source);
        }
        this.databases = builder.open();
    }

    RoutedDatabases databases() {
        return databases;
    }

    /** Points the slot at a test's clones; {@code clones} holds one per database of the service. */
    void target(Map<DbName, Template.Clone> clones, Map<DbName, DbCredentials> credentials) {
        clones.forEach((db, clone) -> {
            DbCredentials login = credentials.get(db);
            RetargetedDataSource source = sources.get(db);
            if (login == null || source == null) {
                throw new IllegalStateException(db + " is not a database of service '" + routing.service() + "'");
            }
            current.put(db, login);
            source.target(clone.name(), login, clone.connection());
        });
    }

    /**
     * Ends the test's hold: no connection of it works any more, and the pools drop them.
     *
     * @return whether the slot can serve the next test (false when the test closed the databases)
     */
    boolean park() {
        boolean usable = true;
        if (routing.databases().stream().noneMatch(db -> databases.poolState(db).open())) {
            try {
                databases.dataSource(routing.databases().get(0)); // opens the pool the next test uses
            } catch (RoutingException e) {
                usable = false; // the test closed the databases
            }
        }
        sources.values().forEach(RetargetedDataSource::park);
        current.clear();
        for (DbName db : routing.databases()) {
            if (databases.poolState(db).open()) {
                evict(db);
            }
        }
        return usable;
    }

    private void evict(DbName db) {
        try {
            HikariPoolMXBean pool =
                    databases.dataSource(db).unwrap(HikariDataSource.class).getHikariPoolMXBean();
            if (pool != null) {
                pool.softEvictConnections();
            }
        } catch (SQLException | RoutingException e) {
            // A closed pool has nothing to evict; park() reports the slot unusable then.
        }
    }

    @Override
    public void close() {
        sources.values().forEach(RetargetedDataSource::park);
        databases.close();
    }

    /** The login of the clones the slot points at now, read by the pools and by health checks. */
    private final class CurrentCredentials implements CredentialsSource {
        @Override
        public Optional<DbCredentials> find(DbName db) {
            return Optional.ofNullable(current.get(db));
        }

        @Override
        public String describe(DbName db) {
            return "the test's clone of " + db + " (none between tests)";
        }
    }
}
