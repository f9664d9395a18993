package dev.approuting.compat;

import dev.approuting.core.AppName;
import dev.approuting.core.CredentialsSource;
import dev.approuting.core.DbCredentials;
import dev.approuting.core.DbName;
import dev.approuting.core.DbRouterRegistry;
import dev.approuting.core.PerAppDbRouter;
import dev.approuting.core.ServiceRouting;
import dev.approuting.flyway.MigrateAll;
import dev.approuting.flyway.MigrateAllReport;
import dev.approuting.flyway.provision.DatabaseProvisioner;
import dev.approuting.flyway.provision.InitDbResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Two logical databases of service {@code compat/api} on the run's server, provisioned by init-db for
 * namespace {@code prod}: {@code {prefix}shop} with apps {@code orders} and {@code billing},
 * {@code {prefix}people} with {@code users} and {@code audit}.
 */
final class Fleet {
    static final String SERVICE = "compat/api";
    static final String NAMESPACE = "prod";
    static final List<AppName> SHOP_APPS = AppName.listOf("orders", "billing");
    static final List<AppName> PEOPLE_APPS = AppName.listOf("users", "audit");

    private static @Nullable Fleet migrated;

    final DbName shop;
    final DbName people;
    final DbRouterRegistry registry;
    final Path secrets;
    final Map<DbName, InitDbResult> provisioned = new LinkedHashMap<>();

    private Fleet(CompatibilityRun run, String prefix) {
        this.shop = DbName.of(prefix + "shop");
        this.people = DbName.of(prefix + "people");
        this.registry = DbRouterRegistry.builder()
                .router(PerAppDbRouter.forDb(shop.value())
                        .apps("orders", "billing")
                        .build())
                .router(PerAppDbRouter.forDb(people.value())
                        .apps("users", "audit")
                        .build())
                .service(SERVICE, shop.value(), people.value())
                .build();
        try {
            this.secrets = Files.createTempDirectory("approuting-compat-secrets");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        DbCredentials admin = run.superuser(run.server().adminDatabase());
        provisioned.put(shop, provision(admin, shop, SHOP_APPS));
        provisioned.put(people, provision(admin, people, PEOPLE_APPS));
    }

    private InitDbResult provision(DbCredentials admin, DbName db, List<AppName> apps) {
        return DatabaseProvisioner.configure(admin.jdbcUrl(), admin.user(), admin.password())
                .apps(apps)
                .secretsDir(secrets)
                .load()
                .initDb(db, NAMESPACE);
    }

    /** Provisions a new pair of databases whose names start with {@code prefix}. */
    static Fleet provision(CompatibilityRun run, String prefix) {
        return new Fleet(run, prefix);
    }

    /** Returns the JVM's provisioned and migrated pair ({@code shop}, {@code people}), made on first use. */
    static synchronized Fleet migrated(CompatibilityRun run) {
        Fleet fleet = migrated;
        if (fleet == null) {
            fleet = new Fleet(run, "");
            MigrateAllReport report = fleet.migrateAll().run();
            if (!report.success()) {
                throw new IllegalStateException("migrate-all failed: " + report.failures());
            }
            migrated = fleet;
        }
        return fleet;
    }

    /** Reads the credentials init-db stored, as a service mounting its secrets would. */
    CredentialsSource credentials() {
        return CredentialsSource.mountedSecrets(secrets, NAMESPACE);
    }

    /** Returns what init-db did for {@code db}. */
    InitDbResult result(DbName db) {
        InitDbResult result = provisioned.get(db);
        if (result == null) {
            throw new IllegalArgumentException(db + " is not part of this fleet");
        }
        return result;
    }

    /** Returns the login init-db made for {@code db}. */
    DbCredentials login(DbName db) {
        return result(db).logins().get(0).credentials();
    }

    ServiceRouting routing() {
        return registry.forService(SERVICE);
    }

    MigrateAll migrateAll() {
        return MigrateAll.configure(registry)
                .credentials(credentials())
                .parallelism(2)
                .load();
    }
}
