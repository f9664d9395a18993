package dev.approuting.benchmarks;

import dev.approuting.core.AppName;
import dev.approuting.core.CredentialsSource;
import dev.approuting.core.DbCredentials;
import dev.approuting.core.DbName;
import dev.approuting.core.DbRouterRegistry;
import dev.approuting.core.PerAppDbRouter;
import dev.approuting.core.RoutedDatabases;
import dev.approuting.core.ServiceRouting;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jooq.DSLContext;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The hot-path lookups of a service with 10 databases × 3 apps, against a {@code HashMap.get} of the
 * same app: {@link ServiceRouting#dbFor} and {@link RoutedDatabases#dsl(AppName)} (cached context; no
 * connection is made). Run with the GC profiler to see the bytes allocated per call.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class LookupBenchmark {
    private final Map<AppName, DbName> map = new HashMap<>();
    private @Nullable ServiceRouting routing;
    private @Nullable RoutedDatabases dbs;
    private AppName app = AppName.of("app_7_1");

    /** Builds the registry and opens the (lazy) databases; the contexts are cached by a first call. */
    @Setup
    public void setUp() {
        DbRouterRegistry.Builder builder = DbRouterRegistry.builder();
        List<String> names = new ArrayList<>();
        Map<DbName, DbCredentials> credentials = new LinkedHashMap<>();
        for (int d = 0; d < 10; d++) {
            String db = "db_" + d;
            names.add(db);
            builder.router(PerAppDbRouter.forDb(db)
                    .apps("app_" + d + "_0", "app_" + d + "_1", "app_" + d + "_2")
                    .build());
            credentials.put(DbName.of(db), DbCredentials.of("localhost", 5432, db, "bench", "bench"));
        }
        ServiceRouting r = builder.service("bench/api", names.toArray(String[]::new))
                .build()
                .forService("bench/api");
        routing = r;
        map.putAll(r.routes());
        dbs = RoutedDatabases.configure(r)
                .credentials(CredentialsSource.of(credentials))
                .credentialsCheckInterval(Duration.ZERO)
                .open();
        r.routes().keySet().forEach(dbs::dsl);
        app = AppName.of("app_7_1");
    }

    /** Closes the databases. */
    @TearDown
    public void tearDown() {
        if (dbs != null) {
            dbs.close();
        }
    }

    /** The baseline. */
    @Benchmark
    public @Nullable DbName hashMapGet() {
        return map.get(app);
    }

    /** {@code routing.dbFor(app)}. */
    @Benchmark
    public DbName dbFor() {
        return require(routing).dbFor(app);
    }

    /** {@code dbs.dsl(app)}. */
    @Benchmark
    public DSLContext dsl() {
        return require(dbs).dsl(app);
    }

    private static <T> T require(@Nullable T value) {
        if (value == null) {
            throw new IllegalStateException("set up did not run");
        }
        return value;
    }
}
