package dev.approuting.examples.routing;

import dev.approuting.core.AppName;
import dev.approuting.core.DbName;
import dev.approuting.core.PerAppDbRouter;
import dev.approuting.core.ServiceName;
import java.util.List;

/** The {@code maven} database: what the Maven crawler fetched, found and still has to do. */
public final class MavenRouter implements PerAppDbRouter {
    @Override
    public DbName db() {
        return DbName.of("maven");
    }

    @Override
    public List<AppName> appsFor(ServiceName service) {
        return AppName.listOf("webresource", "workflow", "crawler", "packagerepomaven");
    }
}
