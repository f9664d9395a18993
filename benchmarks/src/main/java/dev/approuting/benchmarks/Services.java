package dev.approuting.benchmarks;

import dev.approuting.core.CredentialsSource;
import dev.approuting.core.DbCredentials;
import dev.approuting.core.DbName;
import dev.approuting.core.DbRouterRegistry;
import dev.approuting.core.PerAppDbRouter;
import dev.approuting.core.RoutedDatabases;
import dev.approuting.core.ServiceRouting;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Registries of many databases, two apps each, and one service declaring all of them. */
final class Services {
    static final String SERVICE = "bench/api";

    private Services() {}

    /** Database names {@code {prefix}_1}… */
    static List<String> dbNames(String prefix, int count) {
        List<String> names = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            names.add(prefix + "_" + i);
        }
        return names;
    }

    /** A registry routing apps {@code a_{db}} and {@code b_{db}} to each database, and {@link #SERVICE} over all. */
    static DbRouterRegistry registry(List<String> dbs) {
        DbRouterRegistry.Builder builder = DbRouterRegistry.builder();
        for (String db : dbs) {
            builder.router(PerAppDbRouter.forDb(db).apps("a_" + db, "b_" + db).build());
        }
        return builder.service(SERVICE, dbs.toArray(new String[0])).build();
    }

    /** Credentials for every database, pointing at {@code port} (nothing connects until first use). */
    static CredentialsSource credentials(List<String> dbs, int port) {
        Map<DbName, DbCredentials> map = new LinkedHashMap<>();
        for (String db : dbs) { // a loop, not a lambda: the start-up probe times this in a fresh JVM
            map.put(DbName.of(db), DbCredentials.of("localhost", port, db, "postgres", "postgres"));
        }
        return CredentialsSource.of(map);
    }

    /** What a service does at start: its routing from the registry, then its (lazy) databases. */
    static RoutedDatabases open(DbRouterRegistry registry, CredentialsSource credentials) {
        ServiceRouting routing = registry.forService(SERVICE);
        return RoutedDatabases.configure(routing)
                .credentials(credentials)
                .credentialsCheckInterval(Duration.ZERO)
                .open();
    }
}
