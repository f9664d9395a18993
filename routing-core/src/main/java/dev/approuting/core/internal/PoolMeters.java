package dev.approuting.core.internal;

import com.zaxxer.hikari.metrics.IMetricsTracker;
import com.zaxxer.hikari.metrics.MetricsTrackerFactory;
import com.zaxxer.hikari.metrics.PoolStats;
import dev.approuting.core.DbName;
import dev.approuting.core.ServiceName;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

/**
 * HikariCP's pool meters under HikariCP's own names, tagged with the pool, the logical database and
 * the service, so one dashboard shows every database of every service.
 */
public final class PoolMeters implements MetricsTrackerFactory {
    private final MeterRegistry registry;
    private final ServiceName service;
    private final DbName db;

    public PoolMeters(MeterRegistry registry, ServiceName service, DbName db) {
        this.registry = registry;
        this.service = service;
        this.db = db;
    }

    @Override
    public IMetricsTracker create(String poolName, PoolStats stats) {
        Tags tags = Tags.of("pool", poolName, "db", db.value(), "service", service.value());
        List<Meter> meters = new ArrayList<>();
        gauge(meters, "hikaricp.connections", "total connections", stats, PoolStats::getTotalConnections, tags);
        gauge(
                meters,
                "hikaricp.connections.active",
                "connections in use",
                stats,
                PoolStats::getActiveConnections,
                tags);
        gauge(meters, "hikaricp.connections.idle", "idle connections", stats, PoolStats::getIdleConnections, tags);
        gauge(
                meters,
                "hikaricp.connections.pending",
                "threads waiting for a connection",
                stats,
                PoolStats::getPendingThreads,
                tags);
        gauge(meters, "hikaricp.connections.max", "most connections", stats, PoolStats::getMaxConnections, tags);
        gauge(meters, "hikaricp.connections.min", "fewest idle connections", stats, PoolStats::getMinConnections, tags);
        Timer acquire = register(
                meters,
                Timer.builder("hikaricp.connections.acquire")
                        .description("time to get a connection")
                        .tags(tags)
                        .register(registry));
        Timer usage = register(
                meters,
                Timer.builder("hikaricp.connections.usage")
                        .description("time a connection is used")
                        .tags(tags)
                        .register(registry));
        Timer creation = register(
                meters,
                Timer.builder("hikaricp.connections.creation")
                        .description("time to open a connection")
                        .tags(tags)
                        .register(registry));
        Counter timeouts = register(
                meters,
                Counter.builder("hikaricp.connections.timeout")
                        .description("connection requests that timed out")
                        .tags(tags)
                        .register(registry));
        return new IMetricsTracker() {
            /**
             * Held here, so as long as HikariCP holds this tracker: a composite registry's gauges hold their
             * object weakly whatever strongReference says, and read NaN once it is collected.
             */
            @SuppressWarnings("unused")
            private final PoolStats held = stats;

            @Override
            public void recordConnectionAcquiredNanos(long nanos) {
                acquire.record(nanos, TimeUnit.NANOSECONDS);
            }

            @Override
            public void recordConnectionUsageMillis(long millis) {
                usage.record(millis, TimeUnit.MILLISECONDS);
            }

            @Override
            public void recordConnectionCreatedMillis(long millis) {
                creation.record(millis, TimeUnit.MILLISECONDS);
            }

            @Override
            public void recordConnectionTimeout() {
                timeouts.increment();
            }

            @Override
            public void close() {
                meters.forEach(registry::remove);
            }
        };
    }

    private void gauge(
            List<Meter> meters,
            String name,
            String description,
            PoolStats stats,
            ToDoubleFunction<PoolStats> value,
            Tags tags) {
        meters.add(Gauge.builder(name, stats, value)
                .description(description)
                .tags(tags)
                .register(registry));
    }

    private static <M extends Meter> M register(List<Meter> meters, M meter) {
        meters.add(meter);
        return meter;
    }
}
