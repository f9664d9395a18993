package dev.approuting.spring.boot;

import dev.approuting.core.DbRouterRegistry;
import dev.approuting.core.PerAppDbRouter;
import dev.approuting.core.spi.RegistryProvider;
import dev.approuting.testkit.postgres.PostgresServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

/** A two-database service for the starter's tests: d01 holds users and workflow, d02 holds billing. */
final class Shop {
    static final String SERVICE = "shop/api";
    static final String NAMESPACE = "test";

    private Shop() {}

    static DbRouterRegistry registry() {
        return DbRouterRegistry.builder()
                .adminService("toolshed")
                .router(PerAppDbRouter.forDb("d01").apps("users", "workflow").build())
                .router(PerAppDbRouter.forDb("d02").apps("billing").build())
                .service(SERVICE, "d01", "d02")
                .service("shop/users", "d01")
                .build();
    }

    /** The registry for {@code @RoutingTest}. */
    public static final class Provider implements RegistryProvider {
        @Override
        public DbRouterRegistry registry() {
            return Shop.registry();
        }
    }

    /** The application: one bean, the registry. */
    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class Application {
        @Bean
        DbRouterRegistry registry() {
            return Shop.registry();
        }
    }

    /** Creates databases {@code dbs} on {@code server} (dropping old ones) and writes their secrets into {@code dir}. */
    static void databases(PostgresServer server, Path dir, String... dbs) throws SQLException, IOException {
        try (Connection c = server.connect(server.adminDatabase());
                Statement s = c.createStatement()) {
            for (String db : dbs) {
                s.execute("DROP DATABASE IF EXISTS " + db + " WITH (FORCE)");
                s.execute("CREATE DATABASE " + db);
                secret(dir, db, server.host(), server.port(), db);
            }
        }
    }

    /** Writes the secret of {@code db} pointing at the PostgreSQL database {@code dbname} on {@code host:port}. */
    static void secret(Path dir, String db, String host, int port, String dbname) throws IOException {
        Files.writeString(
                dir.resolve(NAMESPACE + "-db-" + db + "-creds"),
                "{\"engine\":\"postgres\",\"host\":\"" + host + "\",\"port\":" + port + ",\"dbname\":\"" + dbname
                        + "\",\"user\":\"postgres\",\"password\":\"unused-in-trust-auth\"}");
    }

    /** Starts the application with the secrets in {@code dir} and {@code properties} (key=value). */
    static ConfigurableApplicationContext start(Path dir, Class<?>[] sources, String... properties) {
        return application(dir, sources, properties).run();
    }

    /** The application {@link #start} runs. */
    static SpringApplication application(Path dir, Class<?>[] sources, String... properties) {
        List<String> all = new ArrayList<>(List.of(
                "approuting.service=" + SERVICE,
                "approuting.credentials.secrets-dir=" + dir,
                "approuting.credentials.namespace=" + NAMESPACE,
                "approuting.credentials.environment=false",
                "approuting.migrate-on-start=true",
                "spring.main.banner-mode=off"));
        all.addAll(List.of(properties));
        SpringApplication application = new SpringApplicationBuilder(sources)
                .web(WebApplicationType.NONE)
                .properties(all.toArray(String[]::new))
                .build();
        return application;
    }
}
