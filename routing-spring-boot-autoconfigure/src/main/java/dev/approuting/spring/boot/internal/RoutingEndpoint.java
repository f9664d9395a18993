package dev.approuting.spring.boot.internal;

import dev.approuting.core.DatabaseHealth;
import dev.approuting.core.DbName;
import dev.approuting.core.PoolState;
import dev.approuting.core.RoutedDatabases;
import dev.approuting.core.ServiceRouting;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;

/** The {@code approuting} actuator endpoint: the service's routing (app → database), each pool and each database's health. */
@Endpoint(id = "approuting")
public final class RoutingEndpoint {
    private final RoutedDatabases databases;
    private final Predicate<DbName> essential;

    public RoutingEndpoint(RoutedDatabases databases, Predicate<DbName> essential) {
        this.databases = databases;
        this.essential = essential;
    }

    /** What {@code GET /actuator/approuting} returns. */
    public record Report(String service, Map<String, String> routes, List<Database> databases) {}

    /** One logical database of the service. */
    public record Database(
            String db,
            List<String> apps,
            boolean essential,
            @Nullable String server,
            boolean reachable,
            @Nullable String error,
            PoolState pool) {}

    @ReadOperation
    public Report report() {
        ServiceRouting routing = databases.routing();
        Map<String, String> routes = new TreeMap<>();
        routing.routes().forEach((app, db) -> routes.put(app.value(), db.value()));
        List<Database> dbs = new ArrayList<>();
        for (DbName db : routing.databases()) {
            DatabaseHealth health = databases.health(db);
            dbs.add(new Database(
                    db.value(),
                    routing.appsIn(db).stream().map(Object::toString).toList(),
                    essential.test(db),
                    health.server(),
                    health.reachable(),
                    health.error(),
                    health.pool()));
        }
        return new Report(routing.service().value(), routes, dbs);
    }
}
