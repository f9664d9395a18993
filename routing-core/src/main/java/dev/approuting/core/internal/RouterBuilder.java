package dev.approuting.core.internal;

import dev.approuting.core.AppName;
import dev.approuting.core.DbName;
import dev.approuting.core.PerAppDbRouter;
import dev.approuting.core.ServiceName;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** The builder behind {@link PerAppDbRouter#forDb(String)}. */
public final class RouterBuilder implements PerAppDbRouter.Builder {
    private final DbName db;
    private final List<Rule> rules = new ArrayList<>();
    private boolean devOnly;

    public RouterBuilder(DbName db) {
        this.db = db;
    }

    @Override
    public PerAppDbRouter.Builder apps(String... apps) {
        return appsWhen(service -> true, apps);
    }

    @Override
    public PerAppDbRouter.Builder appsWhen(Predicate<ServiceName> services, String... apps) {
        rules.add(new Rule(services, AppName.listOf(apps)));
        return this;
    }

    @Override
    public PerAppDbRouter.Builder devOnly() {
        devOnly = true;
        return this;
    }

    @Override
    public PerAppDbRouter build() {
        return new BuiltRouter(db, List.copyOf(rules), devOnly);
    }

    private record Rule(Predicate<ServiceName> services, List<AppName> apps) {}

    private record BuiltRouter(DbName db, List<Rule> rules, boolean devOnly) implements PerAppDbRouter {
        @Override
        public List<AppName> appsFor(ServiceName service) {
            List<AppName> apps = new ArrayList<>();
            for (Rule rule : rules) {
                if (rule.services().test(service)) {
                    apps.addAll(rule.apps());
                }
            }
            return List.copyOf(apps);
        }

        @Override
        public String toString() {
            return "PerAppDbRouter[" + db + (devOnly ? ", dev-only" : "") + "]";
        }
    }
}
