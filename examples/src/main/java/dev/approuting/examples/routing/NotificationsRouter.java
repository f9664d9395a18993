package dev.approuting.examples.routing;

import dev.approuting.core.AppName;
import dev.approuting.core.DbName;
import dev.approuting.core.PerAppDbRouter;
import dev.approuting.core.ServiceName;
import java.util.List;

/** The {@code notifications} database: being built, so it exists only in development. */
public final class NotificationsRouter implements PerAppDbRouter {
    @Override
    public DbName db() {
        return DbName.of("notifications");
    }

    @Override
    public List<AppName> appsFor(ServiceName service) {
        return AppName.listOf("notifications");
    }

    @Override
    public boolean devOnly() {
        return true;
    }
}
