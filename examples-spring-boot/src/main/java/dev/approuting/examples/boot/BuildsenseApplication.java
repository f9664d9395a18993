package dev.approuting.examples.boot;

import dev.approuting.core.DbRouterRegistry;
import dev.approuting.core.RoutedDatabases;
import dev.approuting.examples.routing.CompanyRegistry;
import dev.approuting.examples.services.buildsenseapi.BuildsenseApi;
import dev.approuting.examples.users.Accounts;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/**
 * The {@code buildsense/api} service on Spring Boot: the registry is its one routing bean; the starter
 * gives the rest (see {@code application.properties}).
 */
@SpringBootApplication
public class BuildsenseApplication {
    /** Spring Boot creates it. */
    public BuildsenseApplication() {}

    /** Starts the service. */
    public static void main(String[] args) {
        SpringApplication.run(BuildsenseApplication.class, args);
    }

    // readme:registry-bean:begin
    @Bean
    DbRouterRegistry registry() {
        return CompanyRegistry.build();
    }
    // readme:registry-bean:end

    @Bean
    BuildsenseApi buildsenseApi(RoutedDatabases dbs) {
        return new BuildsenseApi(dbs);
    }

    @Bean
    Accounts accounts(RoutedDatabases dbs) {
        return new Accounts(dbs);
    }
}
