package dev.approuting.spring.boot.internal;

import dev.approuting.core.DatabaseHealth;
import dev.approuting.core.DbName;
import dev.approuting.core.RoutedDatabases;
import dev.approuting.core.ServiceRouting;
import dev.approuting.flyway.DatabaseMigrator;
import dev.approuting.flyway.DatabaseStatus;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;

/**
 * The health of one logical database of the service: UP when a fresh connection answers; when not, DOWN
 * if it is essential, else {@link #DEGRADED} (a status the default aggregation ignores, so the service
 * stays UP); OUT_OF_SERVICE when migrations of the service's apps are pending and that is required.
 */
public final class DatabaseHealthIndicator implements HealthIndicator {
    /** A non-essential database that cannot be reached. */
    public static final Status DEGRADED =
            new Status("DEGRADED", "a non-essential database is unreachable; the service works without it");

    private final Supplier<RoutedDatabases> databases;
    private final DbName db;
    private final boolean essential;
    private final boolean requireMigrations;

    public DatabaseHealthIndicator(
            Supplier<RoutedDatabases> databases, DbName db, boolean essential, boolean requireMigrations) {
        this.databases = databases;
        this.db = db;
        this.essential = essential;
        this.requireMigrations = requireMigrations;
    }

    @Override
    public Health health() {
        RoutedDatabases dbs = databases.get();
        ServiceRouting routing = dbs.routing();
        DatabaseHealth health = dbs.health(db);
        Health.Builder builder = health.reachable() ? Health.up() : essential ? Health.down() : Health.status(DEGRADED);
        builder.withDetail("essential", essential)
                .withDetail(
                        "apps",
                        routing.appsIn(db).stream().map(Object::toString).toList())
                .withDetail("pool", health.pool().counters());
        if (health.server() != null) {
            builder.withDetail("server", health.server());
        }
        if (health.error() != null) {
            builder.withDetail("error", health.error());
        }
        if (health.reachable() && requireMigrations) {
            DatabaseStatus status = DatabaseMigrator.configure(db, dbs.dataSource(db))
                    .apps(routing.appsIn(db))
                    .load()
                    .status();
            Map<String, Object> pending = new TreeMap<>();
            status.apps()
                    .forEach(app -> pending.put(app.app().value(), app.pending().size()));
            builder.withDetail("pendingMigrations", pending);
            if (!status.upToDate()) {
                builder.status(Status.OUT_OF_SERVICE).withDetail("migrations", status.describe());
            }
        }
        return builder.build();
    }
}
