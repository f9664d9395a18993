package dev.approuting.benchmarks;

import dev.approuting.core.DbRouterRegistry;
import dev.approuting.core.RoutedDatabases;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;
import java.util.Locale;
import org.slf4j.LoggerFactory;

/**
 * Run in a fresh JVM by the harness: after starting the logging (as any service does first), builds the registry of 10 databases, takes the service's
 * routing and opens its databases (pools lazy), the first time in this JVM, and prints how long that
 * took and how long the JVM had run before.
 */
public final class StartupProbe {
    /** The prefix of the line the harness reads. */
    static final String PREFIX = "STARTUP ";

    private StartupProbe() {}

    /**
     * Measures and prints {@code STARTUP <ms until ready> <ms from JVM start to main> <ms to start
     * logging> <CPU ms of the main thread until ready>}. Logging starts first, as in a service, and is not
     * counted. The thread's CPU time depends less on other processes than the wall time does.
     *
     * @param args the number of databases (default 10)
     */
    @SuppressWarnings("SystemOut") // the harness reads this line
    public static void main(String[] args) {
        long jvmToMain = ManagementFactory.getRuntimeMXBean().getUptime();
        long logging = System.nanoTime();
        LoggerFactory.getLogger(StartupProbe.class).debug("the service's logging is up before its databases");
        double loggingMs = Stats.millisSince(logging);
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        List<String> dbs = Services.dbNames("db", count); // the names a service has in its code: not timed
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long cpuStart = threads.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        DbRouterRegistry registry = Services.registry(dbs);
        try (RoutedDatabases databases = Services.open(registry, Services.credentials(dbs, 5432))) {
            double ms = Stats.millisSince(start);
            double cpuMs = (threads.getCurrentThreadCpuTime() - cpuStart) / 1_000_000.0;
            if (databases.routing().databases().size() != count) {
                throw new IllegalStateException("expected " + count + " databases");
            }
            System.out.printf(Locale.ROOT, "%s%.3f %d %.3f %.3f%n", PREFIX, ms, jvmToMain, loggingMs, cpuMs);
        }
    }
}
