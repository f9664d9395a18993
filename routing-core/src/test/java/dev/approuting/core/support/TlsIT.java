package dev.approuting.core.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.approuting.core.CredentialsSource;
import dev.approuting.core.DbCredentials;
import dev.approuting.core.DbName;
import dev.approuting.core.PoolSettings;
import dev.approuting.core.ServiceName;
import dev.approuting.core.SslMode;
import dev.approuting.core.internal.DatabasePool;
import dev.approuting.testkit.postgres.PostgresExtension;
import dev.approuting.testkit.postgres.PostgresProvider;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * TLS against real servers: one with a self-signed certificate for {@code localhost} (made here by
 * {@code openssl}), one without TLS.
 */
class TlsIT {
    private static final Certificates CERTS = Certificates.create();

    @RegisterExtension
    static final PostgresExtension tls = PostgresExtension.of(PostgresProvider.embedded()
            .withServerConfig("ssl", "on")
            .withServerConfig("ssl_cert_file", CERTS.serverCert().toString())
            .withServerConfig("ssl_key_file", CERTS.serverKey().toString()));

    @RegisterExtension
    static final PostgresExtension plain = PostgresExtension.embedded();

    private static final ConnectOptions OPTIONS = ConnectOptions.forReads("tls-test");

    private static DbCredentials credentials(PostgresExtension server, String host) {
        return DbCredentials.of(host, server.port(), "postgres", server.user(), server.password());
    }

    private static boolean usesTls(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()")) {
            assertThat(rs.next()).isTrue();
            return rs.getBoolean(1);
        }
    }

    @Test
    void verifyFullWithTheRightRootCertificateConnectsOverTls() throws SQLException {
        DbCredentials creds = credentials(tls, "localhost")
                .withTls(SslMode.VERIFY_FULL, CERTS.serverCert().toString());
        try (Connection c = Connections.open(creds, OPTIONS)) {
            assertThat(usesTls(c)).isTrue();
        }
    }

    @Test
    void verifyFullRefusesAHostTheCertificateDoesNotName() {
        DbCredentials creds = credentials(tls, "127.0.0.1")
                .withTls(SslMode.VERIFY_FULL, CERTS.serverCert().toString());
        assertThatThrownBy(() -> Connections.open(creds, OPTIONS).close())
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("127.0.0.1");
    }

    @Test
    void verifyFullRefusesACertificateNotSignedByTheRoot() {
        DbCredentials creds = credentials(tls, "localhost")
                .withTls(SslMode.VERIFY_FULL, CERTS.otherRoot().toString());
        assertThatThrownBy(() -> Connections.open(creds, OPTIONS).close()).isInstanceOf(SQLException.class);
    }

    @Test
    void requireAgainstAServerWithoutTlsIsRefusedNotDowngraded() {
        for (SslMode mode : List.of(SslMode.REQUIRE, SslMode.VERIFY_CA, SslMode.VERIFY_FULL)) {
            DbCredentials creds = credentials(plain, "localhost")
                    .withTls(mode, CERTS.serverCert().toString());
            assertThatThrownBy(() -> Connections.open(creds, OPTIONS).close())
                    .as("sslmode=%s on a server without TLS", mode)
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("SSL");
        }
    }

    @Test
    void theLoopbackDefaultUsesTlsWhenTheServerOffersIt() throws SQLException {
        DbCredentials creds = credentials(tls, "localhost");
        assertThat(creds.sslMode()).isNull();
        assertThat(creds.effectiveSslMode()).isEqualTo(SslMode.PREFER);
        try (Connection c = Connections.open(creds, OPTIONS)) {
            assertThat(usesTls(c)).isTrue();
        }
    }

    @Test
    void aUrlKeepsItsOwnTlsParameters() throws SQLException {
        String url = "jdbc:postgresql://localhost:" + tls.port() + "/postgres?sslmode=verify-full&sslrootcert="
                + CERTS.serverCert();
        DbCredentials creds = DbCredentials.fromJdbcUrl(url, tls.user(), tls.password());
        assertThat(creds.sslMode()).isEqualTo(SslMode.VERIFY_FULL);
        try (Connection c = Connections.open(creds, OPTIONS.withDriverProperties(Connections.urlParameters(url)))) {
            assertThat(usesTls(c)).isTrue();
        }
        String plainUrl = "jdbc:postgresql://localhost:" + tls.port() + "/postgres?sslmode=disable";
        DbCredentials plainCreds = DbCredentials.fromJdbcUrl(plainUrl, tls.user(), tls.password());
        try (Connection c =
                Connections.open(plainCreds, OPTIONS.withDriverProperties(Connections.urlParameters(plainUrl)))) {
            assertThat(usesTls(c)).isFalse();
        }
    }

    @Test
    void poolsConnectWithTheSecretsTlsSettings() throws SQLException {
        DbName db = DbName.of("tls");
        DbCredentials creds = credentials(tls, "localhost")
                .withTls(SslMode.VERIFY_FULL, CERTS.serverCert().toString());
        try (DatabasePool pool = new DatabasePool(
                        ServiceName.of("tls-test"),
                        db,
                        CredentialsSource.of(Map.of(db, creds)),
                        PoolSettings.defaults(),
                        null,
                        null);
                Connection c = pool.dataSource().getConnection()) {
            assertThat(usesTls(c)).isTrue();
        }
        DbCredentials wrongHost = credentials(tls, "127.0.0.1")
                .withTls(SslMode.VERIFY_FULL, CERTS.serverCert().toString());
        try (DatabasePool pool = new DatabasePool(
                ServiceName.of("tls-test"),
                db,
                CredentialsSource.of(Map.of(db, wrongHost)),
                PoolSettings.defaults().withConnectionTimeout(java.time.Duration.ofSeconds(1)),
                null,
                null)) {
            assertThatThrownBy(() -> pool.dataSource().getConnection().close()).isInstanceOf(SQLException.class);
        }
    }

    /** A self-signed certificate for {@code localhost} with its key, and an unrelated second one. */
    record Certificates(Path serverCert, Path serverKey, Path otherRoot) {
        static Certificates create() {
            try {
                Path dir = Files.createTempDirectory("approuting-tls");
                dir.toFile().deleteOnExit();
                Path cert = dir.resolve("server.crt");
                Path key = dir.resolve("server.key");
                selfSigned(cert, key);
                Path other = dir.resolve("other.crt");
                selfSigned(other, dir.resolve("other.key"));
                Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
                for (Path p : List.of(cert, key, other, dir.resolve("other.key"))) {
                    p.toFile().deleteOnExit();
                }
                return new Certificates(cert, key, other);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private static void selfSigned(Path cert, Path key) throws IOException {
            Process process = new ProcessBuilder(
                            "openssl",
                            "req",
                            "-x509",
                            "-newkey",
                            "rsa:2048",
                            "-nodes",
                            "-days",
                            "2",
                            "-subj",
                            "/CN=localhost",
                            "-addext",
                            "subjectAltName=DNS:localhost",
                            "-keyout",
                            key.toString(),
                            "-out",
                            cert.toString())
                    .redirectErrorStream(true)
                    .start();
            try {
                String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                    throw new IOException("openssl failed: " + output);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while running openssl", e);
            }
        }
    }
}
