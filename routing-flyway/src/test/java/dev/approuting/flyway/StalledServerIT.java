package dev.approuting.flyway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.approuting.core.CredentialsSource;
import dev.approuting.core.DbCredentials;
import dev.approuting.core.DbName;
import dev.approuting.core.DbRouterRegistry;
import dev.approuting.core.support.ConnectOptions;
import dev.approuting.fixtures.Company;
import dev.approuting.fixtures.TestServers;
import dev.approuting.testkit.postgres.PostgresExtension;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A server that accepts connections and never answers (a plain {@link ServerSocket}) stands in for one
 * database: status and migrate-all fail that database with its error within the connect timeout, and the
 * other databases are read and migrated as usual.
 */
class StalledServerIT {
    private static final DbRouterRegistry REGISTRY = Company.registry();
    private static final List<DbName> DBS = REGISTRY.dbNames();
    private static final DbName STALLED = DbName.of("d02");

    @RegisterExtension
    static final PostgresExtension pg = PostgresExtension.embedded();

    private static ServerSocket silent;
    private static final List<Socket> held = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void silentServer() throws IOException {
        silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(() -> {
            while (!silent.isClosed()) {
                try {
                    held.add(silent.accept());
                } catch (IOException e) {
                    return;
                }
            }
        });
        acceptor.setDaemon(true);
        acceptor.start();
        TestServers.createDatabases(pg, DBS);
    }

    @AfterAll
    static void close() throws IOException {
        silent.close();
        for (Socket socket : held) {
            socket.close();
        }
    }

    private static MigrateAll.Builder migrateAll() {
        DbCredentials stalled = DbCredentials.of("127.0.0.1", silent.getLocalPort(), "d02", "u", "p");
        CredentialsSource source =
                CredentialsSource.firstOf(CredentialsSource.of(Map.of(STALLED, stalled)), Company.credentials(pg, DBS));
        return MigrateAll.configure(REGISTRY).credentials(source).parallelism(4);
    }

    @Test
    void statusFailsOnlyTheStalledDatabaseWithinItsReadBound() {
        // The bound of one status read: connecting (the stalled server never finishes the login) plus one read.
        Duration bound = ConnectOptions.READ_CONNECT_TIMEOUT
                .plus(ConnectOptions.READ_SOCKET_TIMEOUT)
                .plusSeconds(15);
        long start = System.nanoTime();
        StatusReport report = assertTimeoutPreemptively(
                bound, () -> migrateAll().load().status(), "status waited longer than the read bound " + bound);
        System.out.println("stalled server: status of " + report.databases().size() + " databases returned after "
                + (System.nanoTime() - start) / 1_000_000 + " ms (bound " + bound.toMillis() + " ms)");

        DatabaseStatus stalled = report.database(STALLED).orElseThrow();
        assertThat(stalled.reachable()).as(stalled.describe()).isFalse();
        assertThat(Objects.requireNonNull(stalled.error()).describe())
                .as("the stalled database's error")
                .containsIgnoringCase("timed out");
        assertThat(report.databases())
                .filteredOn(d -> !d.db().equals(STALLED))
                .as("every other database is read")
                .allMatch(DatabaseStatus::reachable);
    }

    @Test
    void migrateAllFailsOnlyTheStalledDatabaseWithinItsConnectBound() {
        Duration bound = ConnectOptions.DEFAULT_CONNECT_TIMEOUT.multipliedBy(2).plusSeconds(30);
        long start = System.nanoTime();
        MigrateAllReport report = assertTimeoutPreemptively(
                bound, () -> migrateAll().load().run(), "migrate-all waited longer than " + bound);
        System.out.println("stalled server: migrate-all of "
                + report.databases().size() + " databases returned after "
                + (System.nanoTime() - start) / 1_000_000 + " ms (bound " + bound.toMillis() + " ms), stalled one: "
                + report.database(STALLED)
                        .map(r -> r.duration().toMillis() + " ms, " + r.error())
                        .orElse("?"));

        assertThat(report.failures())
                .extracting(DatabaseMigrationResult::db)
                .as("the failing databases")
                .contains(STALLED)
                .containsOnly(STALLED, Company.BROKEN_DB);
        assertThat(report.databases())
                .filteredOn(d -> !d.db().equals(STALLED) && !d.db().equals(Company.BROKEN_DB))
                .allMatch(DatabaseMigrationResult::success);
    }
}
