package dev.approuting.examples.routing;

import dev.approuting.core.AppName;
import dev.approuting.core.DbName;
import dev.approuting.core.PerAppDbRouter;
import dev.approuting.core.ServiceName;
import java.util.List;

/** The {@code users} database: accounts for everyone; tokens only where users sign in and in the admin service. */
public final class UsersRouter implements PerAppDbRouter {
    @Override
    public DbName db() {
        return DbName.of("users");
    }

    @Override
    public List<AppName> appsFor(ServiceName service) {
        if (service.equals(CompanyRegistry.USERS_API) || service.equals(CompanyRegistry.TOOLSHED)) {
            return AppName.listOf("users", "oauth");
        }
        return AppName.listOf("users");
    }
}
