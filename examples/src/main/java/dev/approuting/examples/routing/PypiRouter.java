package dev.approuting.examples.routing;

import dev.approuting.core.AppName;
import dev.approuting.core.DbName;
import dev.approuting.core.PerAppDbRouter;
import dev.approuting.core.ServiceName;
import java.util.List;

/**
 * The {@code pypi} database: PyPI distributions and fetched pages for everyone; the work queue and
 * crawl targets only for the PyPI crawlers and the admin service.
 */
public final class PypiRouter implements PerAppDbRouter {
    @Override
    public DbName db() {
        return DbName.of("pypi");
    }

    @Override
    public List<AppName> appsFor(ServiceName service) {
        if (service.startsWith("crawler/pypi") || service.equals(CompanyRegistry.TOOLSHED)) {
            return AppName.listOf("webresource", "packagerepopypi", "workflow", "crawler");
        }
        return AppName.listOf("webresource", "packagerepopypi");
    }
}
