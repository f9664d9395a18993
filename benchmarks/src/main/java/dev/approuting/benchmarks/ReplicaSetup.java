package dev.approuting.benchmarks;

import dev.approuting.core.CredentialsSource;
import dev.approuting.core.DbCredentials;
import dev.approuting.core.DbName;
import dev.approuting.core.DbRouterRegistry;
import dev.approuting.core.PerAppDbRouter;
import dev.approuting.core.ReaderSettings;
import dev.approuting.core.RoutedDatabases;
import dev.approuting.testkit.postgres.PostgresProvider;
import dev.approuting.testkit.postgres.PostgresServer;
import dev.approuting.testkit.postgres.PostgresStandby;
import java.time.Duration;
import java.util.Map;

/**
 * An embedded primary with a real streaming standby of its own (the replica groups cannot use the run's
 * server: a standby is a copy of its primary's data directory), the table {@code catalog.item} with
 * {@value #ROWS} rows on both, and the service's routed databases with the standby as the reader.
 */
final class ReplicaSetup implements AutoCloseable {
    static final String DB = "bench_replica";
    static final int ROWS = 1000;
    /** How long a set-up waits for the standby to replay: generous, on a loaded 2-core machine. */
    static final Duration REPLAY = Duration.ofSeconds(60);

    final PostgresServer primary;
    final PostgresStandby standby;

    ReplicaSetup() {
        // Commits flushed before they return, as production servers run (the embedded default is off, which
        // holds a commit back from the standby for up to wal_writer_delay).
        primary = PostgresProvider.embedded()
                .withServerConfig("synchronous_commit", "on")
                .start();
        try {
            primary.execute("postgres", "CREATE DATABASE " + DB);
            primary.execute(
                    DB,
                    "CREATE SCHEMA catalog",
                    "CREATE TABLE catalog.item (id bigint PRIMARY KEY, name text NOT NULL)",
                    "INSERT INTO catalog.item SELECT g, 'item ' || g FROM generate_series(1, " + ROWS + ") g",
                    "VACUUM ANALYZE catalog.item");
            standby = primary.startStandby();
            standby.awaitReplay(REPLAY);
        } catch (RuntimeException e) {
            primary.close();
            throw e;
        }
    }

    /** Returns the credentials of the database on the standby. */
    DbCredentials readerCredentials() {
        return DbCredentials.of(standby.host(), standby.port(), DB, standby.user(), standby.password());
    }

    /** Opens the service's routed databases with the standby as the reader. */
    RoutedDatabases open(ReaderSettings readers) {
        DbName db = DbName.of(DB);
        DbRouterRegistry registry = DbRouterRegistry.builder()
                .router(PerAppDbRouter.forDb(DB).apps("catalog").build())
                .service("bench/api", DB)
                .build();
        DbCredentials writer = DbCredentials.of(primary.host(), primary.port(), DB, primary.user(), primary.password());
        return RoutedDatabases.configure(registry.forService("bench/api"))
                .credentials(CredentialsSource.of(Map.of(db, writer), Map.of(db, readerCredentials())))
                .credentialsCheckInterval(Duration.ZERO)
                .readers(readers)
                .open();
    }

    @Override
    public void close() {
        try {
            standby.close();
        } finally {
            primary.close();
        }
    }
}
