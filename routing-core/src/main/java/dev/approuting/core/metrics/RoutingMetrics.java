package dev.approuting.core.metrics;

import com.zaxxer.hikari.metrics.MetricsTrackerFactory;
import dev.approuting.core.AppName;
import dev.approuting.core.DbName;
import dev.approuting.core.ServiceName;
import dev.approuting.core.internal.PoolMeters;
import dev.approuting.core.internal.QueryTimer;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import org.jooq.ExecuteListener;

/**
 * Records what a service's routed databases do into a Micrometer {@link MeterRegistry}, every meter
 * tagged with the logical database ({@code db}) and the service ({@code service}):
 *
 * <ul>
 *   <li>HikariCP's pool meters ({@code hikaricp.connections}, {@code .active}, {@code .idle},
 *       {@code .pending}, {@code .max}, {@code .min}, {@code .acquire}, {@code .usage}, {@code .creation},
 *       {@code .timeout}), one pool per logical database, also tagged {@code pool} ({@code db-{db}});
 *   <li>{@code approuting.query}: the time of each query of a {@code dsl(app)} context, tagged {@code app};
 *   <li>{@code approuting.migrations} (count of migrations applied) and {@code approuting.migration.runs}
 *       (tagged {@code outcome}), per database and {@code app}.
 * </ul>
 *
 * <pre>{@code
 * RoutedDatabases dbs = RoutedDatabases.configure(routing)
 *         .credentials(source)
 *         .metrics(RoutingMetrics.of(meterRegistry))
 *         .open();
 * }</pre>
 *
 * <p>Thread-safe; meters are created once and reused.
 */
public final class RoutingMetrics {
    /** The timer of queries run through {@code dsl(app)}. */
    public static final String QUERY_TIMER = "approuting.query";
    /** The counter of migrations applied. */
    public static final String MIGRATIONS_APPLIED = "approuting.migrations";
    /** The counter of migration runs per (database, app), tagged with their outcome. */
    public static final String MIGRATION_RUNS = "approuting.migration.runs";

    private final MeterRegistry registry;
    private final boolean queryTiming;

    private RoutingMetrics(MeterRegistry registry, boolean queryTiming) {
        this.registry = registry;
        this.queryTiming = queryTiming;
    }

    /** Returns metrics recorded into {@code registry}, query timing included. */
    public static RoutingMetrics of(MeterRegistry registry) {
        return new RoutingMetrics(registry, true);
    }

    /** Returns a copy that times queries ({@code true}, the default) or records pool and migration meters only. */
    public RoutingMetrics withQueryTiming(boolean enabled) {
        return new RoutingMetrics(registry, enabled);
    }

    /** Returns the registry meters go to. */
    public MeterRegistry registry() {
        return registry;
    }

    /**
     * Returns the HikariCP metrics tracker of the pool of {@code db} in {@code service}; {@code
     * RoutedDatabases} sets it on each pool it opens. The pool's meters are removed when it closes.
     */
    public MetricsTrackerFactory poolTracker(ServiceName service, DbName db) {
        return new PoolMeters(registry, service, db);
    }

    /**
     * Returns the jOOQ listener timing the queries of {@code app} in {@code db}, or {@code null} when
     * query timing is off; {@code RoutedDatabases} adds it to the app's context.
     */
    public @org.jspecify.annotations.Nullable ExecuteListener queryListener(
            ServiceName service, AppName app, DbName db) {
        if (!queryTiming) {
            return null;
        }
        Timer timer = Timer.builder(QUERY_TIMER)
                .description("queries run through dsl(app)")
                .tags("service", service.value(), "app", app.value(), "db", db.value())
                .register(registry);
        return new QueryTimer(timer);
    }

    /**
     * Counts one migration run of {@code app} in {@code db}: {@code applied} migrations, ending with
     * {@code outcome} (such as {@code "migrated"}, {@code "up_to_date"}, {@code "failed"}).
     */
    public void migrationRun(DbName db, AppName app, String outcome, int applied, Duration duration) {
        Counter.builder(MIGRATION_RUNS)
                .description("migration runs per database and app")
                .tags("db", db.value(), "app", app.value(), "outcome", outcome)
                .register(registry)
                .increment();
        if (applied > 0) {
            Counter.builder(MIGRATIONS_APPLIED)
                    .description("migrations applied per database and app")
                    .tags("db", db.value(), "app", app.value())
                    .register(registry)
                    .increment(applied);
        }
        Timer.builder(MIGRATION_RUNS + ".time")
                .tags("db", db.value(), "app", app.value())
                .register(registry)
                .record(duration);
    }
}
