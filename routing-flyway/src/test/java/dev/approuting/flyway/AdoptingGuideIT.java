package dev.approuting.flyway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.approuting.core.AppName;
import dev.approuting.core.CredentialsSource;
import dev.approuting.core.DbName;
import dev.approuting.core.DbRouterRegistry;
import dev.approuting.core.Environment;
import dev.approuting.core.PerAppDbRouter;
import dev.approuting.core.RoutedDatabases;
import dev.approuting.fixtures.TestServers;
import dev.approuting.flyway.provision.DatabaseProvisioner;
import dev.approuting.testkit.postgres.PostgresExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Walks docs/adopting.md against a real server: a database whose tables live in {@code public} under one Flyway
 * history and one login role becomes two apps with their own schemas and histories, an owner role and a login
 * role, while the old deployment's queries keep working. The SQL blocks and migration files are read from the
 * guide itself, so the guide cannot drift from what was tested.
 */
class AdoptingGuideIT {
    @RegisterExtension
    static final PostgresExtension pg = PostgresExtension.embedded();

    private static final Path GUIDE = Path.of("..", "docs", "adopting.md");
    private static final Pattern SQL_BLOCK = Pattern.compile("```sql\\n(-- ([^\\n]+))\\n(.*?)```", Pattern.DOTALL);
    private static final DbName SHOP = DbName.of("shop");
    private static final AppName CUSTOMERS = AppName.of("customers");
    private static final AppName ORDERS = AppName.of("orders");
    private static final DbRouterRegistry REGISTRY = DbRouterRegistry.builder()
            .router(PerAppDbRouter.forDb("shop").apps("customers", "orders").build())
            .service("shop/api", "shop")
            .build();

    @TempDir
    Path dir;

    /** A block of the guide: its first line, a comment, names it ({@code V1__customer.sql}, {@code step 3, …}). */
    private record Block(String name, String sql) {}

    private static List<Block> blocks() throws IOException {
        Matcher m = SQL_BLOCK.matcher(Files.readString(GUIDE));
        List<Block> blocks = new ArrayList<>();
        while (m.find()) {
            blocks.add(new Block(m.group(2), m.group(3)));
        }
        return blocks;
    }

    private static String block(String namePrefix) throws IOException {
        return blocks().stream()
                .filter(b -> b.name().startsWith(namePrefix))
                .map(Block::sql)
                .findFirst()
                .orElseThrow(
                        () -> new AssertionError("docs/adopting.md has no sql block starting '-- " + namePrefix + "'"));
    }

    private void write(Path folder, String file) throws IOException {
        Files.createDirectories(folder.resolve(file).getParent());
        Files.writeString(folder.resolve(file), block(file));
    }

    /** Runs what the old deployment runs: as shop_app, with the default search path. */
    private static long oldDeploymentInsertsAndCounts(String email) throws Exception {
        try (Connection c = TestServers.connect(pg, "shop", "shop_app", "legacy");
                Statement s = c.createStatement()) {
            s.execute("INSERT INTO customer (email) VALUES ('" + email + "')");
            s.execute("INSERT INTO orders (customer_id, total) SELECT id, 9.50 FROM customer WHERE email = '" + email
                    + "'");
            try (ResultSet r = s.executeQuery(
                    "SELECT count(*) FROM customer JOIN orders ON orders.customer_id =" + " customer.id")) {
                r.next();
                return r.getLong(1);
            }
        }
    }

    @Test
    void theGuideAdoptsADatabaseWithTablesInPublicAndOneHistoryWithoutStoppingTheOldDeployment() throws Exception {
        // What you have: shop_app owns everything, plain Flyway applied V1 and V2 into public.
        pg.execute("postgres", "CREATE ROLE shop_app LOGIN PASSWORD 'legacy'", "CREATE DATABASE shop OWNER shop_app");
        Path legacy = dir.resolve("legacy");
        write(legacy, "V1__customer.sql");
        write(legacy, "V2__orders.sql");
        Flyway.configure()
                .dataSource(pg.jdbcUrl("shop"), "shop_app", "legacy")
                .locations("filesystem:" + legacy)
                .load()
                .migrate();
        assertThat(oldDeploymentInsertsAndCounts("before@example.com")).isEqualTo(1);

        // 1. Route the apps and write their first migration (plus a later change of customers).
        Path scripts = dir.resolve("migrations");
        write(scripts, "customers/V1__adopted.sql");
        write(scripts, "orders/V1__adopted.sql");
        Files.writeString(scripts.resolve("customers/V2__add_name.sql"), "ALTER TABLE customer ADD COLUMN name text;");

        // 2. Keep the old role able to connect, then provision.
        pg.execute("shop", block("step 2"));
        Path secrets = dir.resolve("secrets");
        DatabaseProvisioner.configure(pg.jdbcUrl("postgres"), pg.user(), pg.password())
                .apps(REGISTRY.adminView(Environment.PRODUCTION).require(SHOP).apps())
                .secretsDir(secrets)
                .load()
                .initDb(SHOP, "prod");
        assertThat(oldDeploymentInsertsAndCounts("during@example.com")).isEqualTo(2);

        // 3. Move the tables and hand them to the owner role.
        pg.execute("shop", block("step 3"));
        assertThat(pg.column(
                        "shop",
                        "SELECT schemaname || '.' || tablename || ' ' || tableowner FROM pg_tables"
                                + " WHERE schemaname IN ('public', 'customers', 'orders') ORDER BY 1"))
                .containsExactly(
                        "customers.customer shop_owner",
                        "orders.orders shop_owner",
                        "public.flyway_schema_history shop_owner");
        assertThat(oldDeploymentInsertsAndCounts("moved@example.com")).isEqualTo(3);

        // 4. Baseline each app, then migrate, through the login role's secret.
        MigrateAll migrateAll = MigrateAll.configure(REGISTRY)
                .credentials(CredentialsSource.mountedSecrets(secrets, "prod"))
                .databases(List.of(SHOP))
                .config(MigrationConfig.builder()
                        .defaults(s -> s.locations("filesystem:" + scripts + "/{app}"))
                        .build())
                .load();
        migrateAll.baseline("1", "adopted from public", CUSTOMERS, ORDERS).orThrow();
        MigrateAllReport migrated = migrateAll.run();

        assertThat(migrated.success()).as(migrated.toString()).isTrue();
        assertThat(migrated.database(SHOP)
                        .orElseThrow()
                        .app(CUSTOMERS)
                        .orElseThrow()
                        .applied())
                .containsExactly("2");
        assertThat(migrated.database(SHOP)
                        .orElseThrow()
                        .app(ORDERS)
                        .orElseThrow()
                        .applied())
                .isEmpty();
        assertThat(migrateAll.validate().valid()).isTrue();
        assertThat(migrateAll.status().databases().get(0).apps())
                .allSatisfy(app -> assertThat(app.pending()).isEmpty());
        assertThat(TestServers.historyVersions(pg, "shop", "customers")).containsExactly("1", "2");

        // 5. The new deployment and the old one, side by side, see the same rows.
        try (RoutedDatabases dbs = RoutedDatabases.configure(REGISTRY.forService("shop/api"))
                .credentials(CredentialsSource.mountedSecrets(secrets, "prod"))
                .open()) {
            assertThat(dbs.dsl(CUSTOMERS).fetchValue("SELECT session_user")).isEqualTo("shop_prod_0001");
            dbs.dsl(CUSTOMERS).execute("INSERT INTO customer (email, name) VALUES ('new@example.com', 'New')");
            assertThat(dbs.dsl(ORDERS).fetchValue("SELECT count(*) FROM orders"))
                    .isEqualTo(3L);
        }
        assertThat(oldDeploymentInsertsAndCounts("side-by-side@example.com")).isEqualTo(4);

        // 6. Clean up once the old deployment is gone.
        pg.execute("shop", block("step 6"));
        assertThat(pg.column("shop", "SELECT count(*) FROM customers.customer")).containsExactly("5");
        assertThat(pg.column("postgres", "SELECT count(*) FROM pg_roles WHERE rolname = 'shop_app'"))
                .containsExactly("0");
        assertThat(pg.column("shop", "SELECT to_regclass('public.flyway_schema_history_before_approuting')::text"))
                .containsExactly("flyway_schema_history_before_approuting");
        assertThat(migrateAll.run().success()).isTrue();

        // A new database (development, the test kit) is created by the first migrations alone.
        pg.execute("postgres", "DROP DATABASE shop WITH (FORCE)", "CREATE DATABASE shop");
        MigrateAllReport fresh = MigrateAll.configure(REGISTRY)
                .credentials(CredentialsSource.of(Map.of(SHOP, TestServers.superuser(pg, "shop"))))
                .config(MigrationConfig.builder()
                        .defaults(s -> s.locations("filesystem:" + scripts + "/{app}"))
                        .build())
                .load()
                .run();
        assertThat(fresh.success()).as(fresh.toString()).isTrue();
        assertThat(pg.column(
                        "shop",
                        "SELECT table_schema || '.' || table_name FROM information_schema.tables WHERE table_schema IN"
                                + " ('customers', 'orders') AND table_name <> 'flyway_schema_history' ORDER BY 1"))
                .containsExactly("customers.customer", "orders.orders");
    }
}
