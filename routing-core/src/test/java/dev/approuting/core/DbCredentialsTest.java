package dev.approuting.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DbCredentialsTest {
    private static final String PASSWORD = "s3cr3t-Pa55word-that-must-not-leak";
    private static final DbName DB = DbName.of("buildsense");
    private static final String JSON = """
            {"engine":"postgres","host":"db.internal","port":5432,"dbname":"buildsense",
             "user":"buildsense_prod_0001","password":"%s","set_role":"buildsense_owner"}""".formatted(PASSWORD);

    @Test
    void parsesTheSecretJson() {
        DbCredentials c = DbCredentials.fromSecretJson(DB, "test", JSON);
        assertThat(c.host()).isEqualTo("db.internal");
        assertThat(c.port()).isEqualTo(5432);
        assertThat(c.user()).isEqualTo("buildsense_prod_0001");
        assertThat(c.password()).isEqualTo(PASSWORD);
        assertThat(c.setRole()).isEqualTo("buildsense_owner");
        assertThat(c.jdbcUrl()).isEqualTo("jdbc:postgresql://db.internal:5432/buildsense");
    }

    @Test
    void roundTripsThroughSecretJson() {
        DbCredentials c = DbCredentials.fromSecretJson(DB, "test", JSON);
        assertThat(DbCredentials.fromSecretJson(DB, "again", c.toSecretJson())).isEqualTo(c);
    }

    @Test
    void masksThePasswordInToString() {
        assertThat(DbCredentials.fromSecretJson(DB, "test", JSON).toString())
                .doesNotContain(PASSWORD)
                .contains("password=****");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "{\"host\":\"h\",\"port\":5432,\"dbname\":\"d\",\"user\":\"u\"}|field \"password\" is missing",
                "{\"host\":\"h\",\"port\":\"x\",\"dbname\":\"d\",\"user\":\"u\",\"password\":\"PW\"}|field \"port\" must be a number",
                "{\"host\":5,\"port\":1,\"dbname\":\"d\",\"user\":\"u\",\"password\":\"PW\"}|field \"host\" must be a string, not number",
                "{\"engine\":\"mysql\",\"host\":\"h\",\"port\":1,\"dbname\":\"d\",\"user\":\"u\",\"password\":\"PW\"}|\"engine\" is 'mysql'",
                "[1,2]|it is not a JSON object",
                "{\"password\":\"PW\", broken|it is not valid JSON (line 1",
                "{\"host\":\"h\",\"port\":70000,\"dbname\":\"d\",\"user\":\"u\",\"password\":\"PW\"}|port 70000 is not between 1 and 65535",
            })
    void malformedSecretsNameTheDatabaseAndSourceButNotThePassword(String json, String problem) {
        assertThatThrownBy(() -> DbCredentials.fromSecretJson(DB, "file /secrets/x", json))
                .isInstanceOf(RoutingException.class)
                .hasMessageStartingWith("secret for database 'buildsense' from file /secrets/x is invalid: ")
                .hasMessageContaining(problem)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("PW"))
                .satisfies(e -> assertThat(((RoutingException) e).db()).contains(DB));
    }

    @Test
    void emptySecret() {
        assertThatThrownBy(() -> DbCredentials.fromSecretJson(DB, "variable X", "  "))
                .hasMessageContaining("is invalid: it is empty");
    }

    @Test
    void readsMountedSecretsAsFileOrDirectory(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("prod-db-buildsense-creds"), JSON);
        Files.createDirectories(dir.resolve("prod-db-users-creds"));
        Files.writeString(dir.resolve("prod-db-users-creds/creds.json"), JSON.replace("buildsense", "users"));
        CredentialsSource source = CredentialsSource.mountedSecrets(dir, "prod");
        assertThat(source.require(DB).user()).isEqualTo("buildsense_prod_0001");
        assertThat(source.require(DbName.of("users")).dbname()).isEqualTo("users");
        assertThat(source.find(DbName.of("maven"))).isEmpty();
        assertThatThrownBy(() -> source.require(DbName.of("maven")))
                .hasMessage("no credentials for database 'maven': looked in mounted secret " + dir
                        + "/prod-db-maven-creds. Create the secret (routing init-db writes it) or point the service"
                        + " at the right source");
    }

    @Test
    void mountedSecretProblemsNameTheFile(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("dev-db-users-creds"));
        Files.createDirectories(dir.resolve("dev-db-maven-creds/creds.json"));
        Files.write(dir.resolve("dev-db-pypi-creds"), new byte[] {(byte) 0xff, (byte) 0xfe, 0x41});
        Files.writeString(dir.resolve("dev-db-buildsense-creds"), "", StandardCharsets.UTF_8);
        CredentialsSource source = CredentialsSource.mountedSecrets(dir, "dev");
        assertThatThrownBy(() -> source.find(DbName.of("users")))
                .hasMessageContaining("is a directory without creds.json");
        assertThatThrownBy(() -> source.find(DbName.of("maven"))).hasMessageContaining("is a directory, not a file");
        assertThatThrownBy(() -> source.find(DbName.of("pypi"))).hasMessageContaining("is not UTF-8 text");
        assertThatThrownBy(() -> source.find(DB))
                .hasMessageContaining(
                        "from file " + dir.resolve("dev-db-buildsense-creds") + " is invalid: it is empty");
    }

    @Test
    void readsEnvironmentVariables() {
        CredentialsSource source =
                CredentialsSource.environment("prod-e1", Map.of("PROD_E1_DB_BUILDSENSE_CREDS", JSON));
        assertThat(source.require(DB).password()).isEqualTo(PASSWORD);
        assertThat(source.describe(DbName.of("users"))).isEqualTo("environment variable PROD_E1_DB_USERS_CREDS");
    }

    @Test
    void firstOfTriesSourcesInOrder(@TempDir Path dir) {
        DbCredentials fixed = DbCredentials.of("localhost", 5432, "users", "dev", "pw");
        CredentialsSource source = CredentialsSource.firstOf(
                CredentialsSource.mountedSecrets(dir, "dev"), CredentialsSource.of(Map.of(DbName.of("users"), fixed)));
        assertThat(source.require(DbName.of("users"))).isEqualTo(fixed);
        assertThatThrownBy(() -> source.require(DB)).hasMessageContaining(", then credentials given in code");
    }

    @Test
    void rejectsMalformedNamespaces() {
        assertThatThrownBy(() -> CredentialsSource.mountedSecrets(Path.of("/x"), "Prod_1"))
                .hasMessageStartingWith("invalid namespace name 'Prod_1'");
        assertThat(CredentialsSource.secretName("prod", DB)).isEqualTo("prod-db-buildsense-creds");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "h/db?sslmode=disable&|'/'",
                "db.internal:5433|':'",
                "db internal|space",
                "db.internal?x=1|'?'",
            })
    void aHostThatWouldAddUrlParametersIsRefused(String host, String shown) {
        String json = JSON.replace("db.internal", host);
        assertThatThrownBy(() -> DbCredentials.fromSecretJson(DB, "file /secrets/x", json))
                .isInstanceOf(RoutingException.class)
                .hasMessageContaining("host is no host name or IP address")
                .hasMessageContaining("buildsense")
                .hasMessageContaining("file /secrets/x")
                .hasMessageNotContaining(PASSWORD);
        assertThat(shown).isNotBlank();
    }

    @Test
    void hostsAndAddressesStayValid() {
        for (String host :
                new String[] {"localhost", "127.0.0.1", "::1", "[::1]", "fe80::1", "pg_1.svc.cluster.local"}) {
            assertThat(DbCredentials.of(host, 5432, "d", "u", "p").host()).isEqualTo(host);
        }
    }

    @Test
    void theDatabaseNameIsEncodedInTheUrlNotInterpreted() {
        DbCredentials c = DbCredentials.of("db", 5432, "we?rd&sslmode=disable db", "u", "p");
        assertThat(c.jdbcUrl()).isEqualTo("jdbc:postgresql://db:5432/we%3Frd%26sslmode%3Ddisable%20db");
        assertThat(dev.approuting.core.support.Connections.urlParameters(c.jdbcUrl()))
                .doesNotContainKey("sslmode");
        assertThat(DbCredentials.fromJdbcUrl(c.jdbcUrl(), "u", "p").dbname()).isEqualTo(c.dbname());
    }

    @Test
    void tlsSettingsAreReadWrittenAndDefaultByHost() {
        DbCredentials old = DbCredentials.fromSecretJson(DB, "test", JSON);
        assertThat(old.sslMode()).isNull();
        assertThat(old.effectiveSslMode()).isEqualTo(SslMode.VERIFY_FULL);
        assertThat(old.toSecretJson()).doesNotContain("sslmode");
        assertThat(DbCredentials.of("localhost", 5432, "d", "u", "p").effectiveSslMode())
                .isEqualTo(SslMode.PREFER);
        assertThat(DbCredentials.of("127.0.0.1", 5432, "d", "u", "p").effectiveSslMode())
                .isEqualTo(SslMode.PREFER);
        DbCredentials tls = DbCredentials.fromSecretJson(
                DB, "test", JSON.replace("}", ",\"sslmode\":\"verify-ca\",\"sslrootcert\":\"/etc/ssl/rds.pem\"}"));
        assertThat(tls.sslMode()).isEqualTo(SslMode.VERIFY_CA);
        assertThat(tls.sslRootCert()).isEqualTo("/etc/ssl/rds.pem");
        assertThat(DbCredentials.fromSecretJson(DB, "again", tls.toSecretJson()))
                .isEqualTo(tls);
        assertThat(tls.withPassword("x").sslMode()).isEqualTo(SslMode.VERIFY_CA);
        java.util.Properties props = dev.approuting.core.support.Connections.driverProperties(
                tls, dev.approuting.core.support.ConnectOptions.forReads("t"));
        assertThat(props.getProperty("sslmode")).isEqualTo("verify-ca");
        assertThat(props.getProperty("sslrootcert")).isEqualTo("/etc/ssl/rds.pem");
        assertThat(props.getProperty("socketTimeout")).isEqualTo("15");
        assertThat(props.getProperty("options")).isEqualTo("-c statement_timeout=10000");
        assertThat(props).doesNotContainKeys("user", "password");
        assertThatThrownBy(() -> DbCredentials.fromSecretJson(DB, "test", JSON.replace("}", ",\"sslmode\":\"on\"}")))
                .hasMessageContaining("field \"sslmode\" is no TLS mode: give one of disable, allow, prefer, require,"
                        + " verify-ca, verify-full");
    }
}
