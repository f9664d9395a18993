package dev.approuting.core;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.approuting.testkit.postgres.PostgresExtension;
import dev.approuting.testkit.postgres.PostgresProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A secret may carry an empty password (a server that trusts the login needs none); against a server that
 * asks for one, the first query fails with an error that names the database and the secret's login and says
 * what to fix, not with the driver's bare exception.
 */
class EmptyPasswordIT {
    @RegisterExtension
    static final PostgresExtension pg =
            PostgresExtension.of(PostgresProvider.embedded().withPasswordAuthentication());

    @Test
    void anEmptyPasswordAgainstAServerThatAsksForOneNamesTheDatabaseAndTheLogin(@TempDir Path secrets)
            throws Exception {
        pg.execute(
                pg.adminDatabase(),
                "CREATE ROLE nopw_login LOGIN PASSWORD 'a-real-password-1234'",
                "CREATE DATABASE nopw OWNER nopw_login");
        pg.execute("nopw", "CREATE SCHEMA notes AUTHORIZATION nopw_login");
        Files.writeString(
                secrets.resolve(CredentialsSource.secretName("test", DbName.of("nopw"))),
                new DbCredentials(pg.host(), pg.port(), "nopw", "nopw_login", "", null).toSecretJson());
        DbRouterRegistry registry = DbRouterRegistry.builder()
                .router(PerAppDbRouter.forDb("nopw").apps("notes").build())
                .service("notes/api", "nopw")
                .build();

        try (RoutedDatabases dbs = RoutedDatabases.configure(registry.forService("notes/api"))
                .credentials(CredentialsSource.mountedSecrets(secrets, "test"))
                .credentialsCheckInterval(Duration.ZERO)
                .open()) {
            assertThatThrownBy(() -> dbs.dsl(AppName.of("notes")).fetchValue("SELECT 1"))
                    .isInstanceOf(RoutingException.class)
                    .hasMessageContaining("'nopw'")
                    .hasMessageContaining("nopw_login")
                    .hasMessageContaining("password")
                    .hasMessageContaining("last login attempt: The server requested SCRAM-based authentication")
                    .hasMessageContaining("has an empty password");
        }
    }
}
