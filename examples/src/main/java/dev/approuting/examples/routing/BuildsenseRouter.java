package dev.approuting.examples.routing;

import dev.approuting.core.AppName;
import dev.approuting.core.DbName;
import dev.approuting.core.PerAppDbRouter;
import dev.approuting.core.ServiceName;
import java.util.List;

/** The {@code buildsense} database: builds, their uploaded files, and the buildsense work queue. */
public final class BuildsenseRouter implements PerAppDbRouter {
    @Override
    public DbName db() {
        return DbName.of("buildsense");
    }

    @Override
    public List<AppName> appsFor(ServiceName service) {
        return AppName.listOf("buildsense", "ingestion", "workflow");
    }
}
