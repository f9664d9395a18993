package dev.approuting.flyway;

import dev.approuting.core.CredentialsSource;
import dev.approuting.core.DbCredentials;
import dev.approuting.core.DbName;
import dev.approuting.core.DbRouterRegistry;
import dev.approuting.core.PerAppDbRouter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Ten logical databases with several apps each; {@code workflow} and {@code users} live in two of them. */
final class Company {
    static final DbName BROKEN_DB = DbName.of("d09");

    private Company() {}

    static DbRouterRegistry registry() {
        return DbRouterRegistry.builder()
                .adminService("toolshed")
                .router(PerAppDbRouter.forDb("d01").apps("users", "workflow").build())
                .router(PerAppDbRouter.forDb("d02").apps("billing", "workflow").build())
                .router(PerAppDbRouter.forDb("d03").apps("catalog", "search").build())
                .router(PerAppDbRouter.forDb("d04").apps("audit", "events").build())
                .router(PerAppDbRouter.forDb("d05").apps("reports", "notes").build())
                .router(PerAppDbRouter.forDb("d06").apps("inventory", "tags").build())
                .router(PerAppDbRouter.forDb("d07").apps("media", "indexed").build())
                .router(PerAppDbRouter.forDb("d08")
                        .apps("users", "billing", "audit")
                        .build())
                .router(PerAppDbRouter.forDb("d09")
                        .apps("notes", "broken", "media")
                        .build())
                .router(PerAppDbRouter.forDb("d10")
                        .apps("events", "search", "tags")
                        .build())
                .build();
    }

    static CredentialsSource credentials(Pg pg, List<DbName> dbs) {
        Map<DbName, DbCredentials> map = new LinkedHashMap<>();
        dbs.forEach(db -> map.put(db, pg.superuser(db.value())));
        return CredentialsSource.of(map);
    }
}
