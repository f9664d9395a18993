package dev.approuting.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.approuting.cli.RoutingCommandLine;
import dev.approuting.core.AppName;
import dev.approuting.core.CredentialsSource;
import dev.approuting.core.DatabaseHealth;
import dev.approuting.core.DbCredentials;
import dev.approuting.core.DbName;
import dev.approuting.core.DbRouterRegistry;
import dev.approuting.core.ErrorCode;
import dev.approuting.core.PerAppDbRouter;
import dev.approuting.core.RoutedDatabases;
import dev.approuting.core.RoutingException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Broken secrets beyond {@code dev.approuting.core.DbCredentialsTest} (which covers a missing password,
 * a wrong port or host type, a wrong engine, broken JSON, an empty secret or file, a missing file and a
 * directory in its place): secrets whose password sits where a parser or type check would echo it,
 * every field missing, and broken secrets reached through a service's pools, its health check and the
 * command line. Each error names the database and the source, never the password.
 */
@ExtendWith(SecretScan.class)
class HostileSecretsTest {
    private static final String PASSWORD = "Hostile-Secret-Pw-7c1e9b2a4f";
    private static final DbName ORDERS = DbName.of("orders");

    /** Secrets where the password is exactly what a careless parser or type check would quote. */
    private static final List<String> LEAKY = List.of(
            "{\"host\":\"h\",\"port\":5432,\"dbname\":\"d\",\"user\":\"u\",\"password\": " + PASSWORD + "}",
            "{\"host\":\"h\",\"port\":5432,\"dbname\":\"d\",\"user\":\"u\",\"password\":\"" + PASSWORD + "}",
            "{\"host\":\"h\",\"port\":5432,\"dbname\":\"d\",\"user\":\"u\",\"password\":[\"" + PASSWORD + "\"]}",
            "{\"host\":\"h\",\"port\":5432,\"dbname\":\"d\",\"user\":\"u\",\"password\":{\"v\":\"" + PASSWORD + "\"}}",
            "{\"host\":\"h\",\"port\":\"" + PASSWORD + "\",\"dbname\":\"d\",\"user\":\"u\",\"password\":\"p\"}",
            "{\"engine\":\"" + PASSWORD + "\",\"host\":\"h\",\"port\":1,\"dbname\":\"d\",\"user\":\"u\",\"password\":\""
                    + PASSWORD + "\"}",
            "password=" + PASSWORD,
            "\"" + PASSWORD + "\"",
            "null");

    @Test
    void aPasswordWhereAParserWouldQuoteItNeverReachesTheMessage() {
        SecretScan.password(PASSWORD);
        for (String json : LEAKY) {
            assertThatThrownBy(() -> DbCredentials.fromSecretJson(ORDERS, "variable PROD_DB_ORDERS_CREDS", json))
                    .as(json)
                    .isInstanceOfSatisfying(RoutingException.class, e -> {
                        SecretScan.failure(e);
                        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_CREDENTIALS);
                        assertThat(e.db()).contains(ORDERS);
                    })
                    .hasMessageStartingWith(
                            "secret for database 'orders' from variable PROD_DB_ORDERS_CREDS is invalid: ")
                    .satisfies(e -> assertThat(e.toString()).doesNotContain(PASSWORD))
                    .hasNoCause();
        }
    }

    @Test
    void everyMissingFieldIsListedAtOnce() {
        assertThatThrownBy(() -> DbCredentials.fromSecretJson(ORDERS, "file x", "{\"engine\":\"postgres\"}"))
                .hasMessageContaining("field \"host\" is missing; field \"port\" is missing; field \"dbname\" is"
                        + " missing; field \"user\" is missing; field \"password\" is missing");
        assertThatThrownBy(() -> DbCredentials.fromSecretJson(
                        ORDERS,
                        "file x",
                        "{\"host\":\"\",\"port\":0,\"dbname\":\"d\",\"user\":\"u\",\"password\":\"pw-long-enough\"}"))
                .hasMessageContaining("is invalid")
                .hasMessageNotContaining("pw-long-enough");
    }

    @Test
    void brokenSecretsThroughPoolsHealthAndCommandLineNameDatabaseAndSource(@TempDir Path secrets) throws IOException {
        SecretScan.password(PASSWORD);
        Path file = secrets.resolve(CredentialsSource.secretName("prod", ORDERS));
        Files.writeString(
                file, "{\"host\":\"localhost\",\"port\":5432,\"user\":\"u\",\"password\":\"" + PASSWORD + "\"}");
        DbRouterRegistry registry = DbRouterRegistry.builder()
                .router(PerAppDbRouter.forDb("orders").apps("sales").build())
                .router(PerAppDbRouter.forDb("ledger").apps("billing").build())
                .service("shop/api", "orders", "ledger")
                .build();
        CredentialsSource source = CredentialsSource.firstOf(
                CredentialsSource.mountedSecrets(secrets, "prod"), CredentialsSource.environment("prod", Map.of()));
        try (RoutedDatabases dbs = RoutedDatabases.open(registry.forService("shop/api"), source)) {
            assertThatThrownBy(() -> dbs.dsl(AppName.of("sales")).fetchValue("SELECT 1"))
                    .isInstanceOfSatisfying(RoutingException.class, e -> {
                        SecretScan.failure(e);
                        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_CREDENTIALS);
                    })
                    .hasMessageContaining("secret for database 'orders' from file " + file)
                    .hasMessageContaining("field \"dbname\" is missing");
            List<DatabaseHealth> health = dbs.health();
            SecretScan.text("health", health.toString());
            DatabaseHealth orders = dbs.health(ORDERS);
            assertThat(orders.reachable()).isFalse();
            assertThat(orders.error()).contains("database 'orders'", file.toString());
            assertThat(health).extracting(DatabaseHealth::reachable).containsOnly(false);
            assertThat(dbs.health(DbName.of("ledger")).error())
                    .contains("no credentials for database 'ledger'")
                    .contains("mounted secret " + secrets.resolve("prod-db-ledger-creds"))
                    .contains("environment variable PROD_DB_LEDGER_CREDS");
        }

        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = RoutingCommandLine.run(
                registry,
                new PrintWriter(out),
                new PrintWriter(err),
                "status",
                "--db",
                "orders",
                "--secrets-dir",
                secrets.toString(),
                "--namespace",
                "prod");
        SecretScan.text("routing status", out + " " + err);
        // A malformed secret is bad input: its row names the secret and what is wrong, then exit 2.
        assertThat(exit).isEqualTo(RoutingCommandLine.USAGE);
        assertThat(out.toString())
                .contains("BAD CREDENTIALS")
                .contains("secret for database 'orders' from file " + file)
                .contains("field \"dbname\" is missing")
                .doesNotContain(PASSWORD);
        assertThat(err.toString())
                .contains("1 database has missing or malformed credentials (orders")
                .doesNotContain(PASSWORD);
        Guarantees.record(
                "Hostile input",
                "broken secrets: malformed JSON, missing fields, wrong types, empty, missing, a directory in its"
                        + " place -> errors naming the database and the source, never the password",
                LEAKY.size() + " secrets with the password where a parser would quote it, every field missing, and a"
                        + " broken secret reached through a pool, the health check and `routing status` (exit code 2):"
                        + " each error names the database and the file or variable, none the password (empty,"
                        + " missing, directory: DbCredentialsTest)");
    }

    /** The TLS fields and URL options: a password in the host, the TLS mode or a URL never reaches a message. */
    @Test
    void tlsFieldsAndUrlsNeverShowThePassword() {
        SecretScan.password(PASSWORD);
        List<String> secrets = List.of(
                "{\"host\":\"h/" + PASSWORD + "?sslmode=disable&\",\"port\":5432,\"dbname\":\"d\",\"user\":\"u\","
                        + "\"password\":\"p\"}",
                "{\"host\":\"" + PASSWORD + "!\",\"port\":5432,\"dbname\":\"d\",\"user\":\"u\",\"password\":\"p\"}",
                "{\"host\":\"h\",\"port\":5432,\"dbname\":\"d\",\"user\":\"u\",\"password\":\"p\",\"sslmode\":\""
                        + PASSWORD + "\"}",
                "[".repeat(2000) + "]".repeat(2000));
        for (String json : secrets) {
            assertThatThrownBy(() -> DbCredentials.fromSecretJson(ORDERS, "variable PROD_DB_ORDERS_CREDS", json))
                    .as(json.length() > 100 ? json.substring(0, 100) : json)
                    .isInstanceOfSatisfying(RoutingException.class, e -> {
                        SecretScan.failure(e);
                        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_CREDENTIALS);
                        assertThat(e.db()).contains(ORDERS);
                    })
                    .hasMessageStartingWith(
                            "secret for database 'orders' from variable PROD_DB_ORDERS_CREDS is invalid: ");
        }
        String url = "jdbc:postgresql://db.internal/postgres?sslmode=bogus&password=" + PASSWORD;
        assertThatThrownBy(() -> DbCredentials.fromJdbcUrl(url, "u", "p"))
                .isInstanceOfSatisfying(RoutingException.class, SecretScan::failure)
                .hasMessageContaining("password=****")
                .hasMessageContaining("unknown sslmode");
        DbCredentials fromUrl = DbCredentials.fromJdbcUrl(
                "jdbc:postgresql://db.internal/postgres?sslmode=verify-full&password=" + PASSWORD, "u", "p");
        SecretScan.text("toString of credentials from a URL", fromUrl.toString());
        assertThat(fromUrl.toString()).doesNotContain(PASSWORD).contains("sslmode=verify-full");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = RoutingCommandLine.run(
                DbRouterRegistry.builder()
                        .router(PerAppDbRouter.forDb("orders").apps("orders").build())
                        .build(),
                new PrintWriter(out),
                new PrintWriter(err),
                "lint",
                "--trace-url",
                "jdbc:postgresql://127.0.0.1:1/postgres?password=" + PASSWORD,
                "does-not-exist.sql");
        SecretScan.text("lint --trace-url output", out + "\n" + err);
        assertThat(exit).isNotZero();
        assertThat(err.toString()).contains("password=****").doesNotContain(PASSWORD);
    }
}
