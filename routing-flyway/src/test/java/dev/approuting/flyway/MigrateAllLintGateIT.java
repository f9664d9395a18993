package dev.approuting.flyway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.approuting.core.CredentialsSource;
import dev.approuting.core.DbCredentials;
import dev.approuting.core.DbName;
import dev.approuting.core.DbRouterRegistry;
import dev.approuting.core.PerAppDbRouter;
import dev.approuting.fixtures.TestServers;
import dev.approuting.testkit.postgres.PostgresExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** migrate-all refuses a database whose pending migrations the lint finds unsafe, unless told otherwise. */
class MigrateAllLintGateIT {
    private static final DbName SAFE = DbName.of("gate_safe");
    private static final DbName UNSAFE = DbName.of("gate_unsafe");

    @RegisterExtension
    static final PostgresExtension pg = PostgresExtension.embedded();

    @TempDir
    Path dir;

    private MigrateAll.Builder migrateAll() throws IOException {
        TestServers.createDatabases(pg, List.of(SAFE, UNSAFE));
        DbRouterRegistry registry = DbRouterRegistry.builder()
                .adminService("toolshed")
                .router(PerAppDbRouter.forDb(SAFE.value()).apps("calm").build())
                .router(PerAppDbRouter.forDb(UNSAFE.value()).apps("risky").build())
                .build();
        Map<DbName, DbCredentials> credentials = Map.of(
                SAFE, TestServers.superuser(pg, SAFE.value()), UNSAFE, TestServers.superuser(pg, UNSAFE.value()));
        return MigrateAll.configure(registry)
                .credentials(CredentialsSource.of(credentials))
                .config(MigrationConfig.builder()
                        .app("calm", s -> s.locations("filesystem:" + dir.resolve("calm")))
                        .app("risky", s -> s.locations("filesystem:" + dir.resolve("risky")))
                        .build());
    }

    private void write(String app, String file, String sql) throws IOException {
        Files.writeString(Files.createDirectories(dir.resolve(app)).resolve(file), sql);
    }

    @Test
    void anUnsafePendingMigrationRefusesItsDatabaseOnlyAndAllowUnsafeAppliesIt() throws IOException {
        write("calm", "V1__item.sql", "CREATE TABLE item (id bigint PRIMARY KEY, note text);");
        write("calm", "V2__add.sql", "ALTER TABLE item ADD COLUMN tag text;");
        write("risky", "V1__item.sql", "CREATE TABLE item (id bigint PRIMARY KEY, note text);");
        write("risky", "V2__drop.sql", "ALTER TABLE item DROP COLUMN note;");
        MigrateAll.Builder migrateAll = migrateAll();

        MigrateAllReport refused = migrateAll.load().run();

        assertThat(refused.failures()).extracting(DatabaseMigrationResult::db).containsExactly(UNSAFE);
        MigrationError error =
                Objects.requireNonNull(refused.database(UNSAFE).orElseThrow().error());
        assertThat(error.script()).isEqualTo("V2__drop.sql");
        assertThat(error.line()).isEqualTo(1);
        assertThat(error.message())
                .contains("refused to migrate: 1 unsafe statement")
                .contains("risky/V2__drop.sql:1:1 [drop-column]")
                .contains("allowUnsafe(true)");
        assertThat(TestServers.historyVersions(pg, SAFE.value(), "calm")).containsExactly("1", "2");
        assertThat(pg.column(UNSAFE.value(), "SELECT count(*) FROM pg_namespace WHERE nspname = 'risky'"))
                .containsExactly("0");

        MigrateAllReport allowed = migrateAll.allowUnsafe(true).load().run();

        assertThat(allowed.failures()).isEmpty();
        assertThat(TestServers.historyVersions(pg, UNSAFE.value(), "risky")).containsExactly("1", "2");
    }

    @Test
    void onlyPendingMigrationsAreCheckedAndTheyKnowWhatAppliedOnesBuilt() throws IOException {
        write("calm", "V1__item.sql", "CREATE TABLE item (id bigint PRIMARY KEY);");
        write("risky", "V1__item.sql", "CREATE TABLE item (id bigint PRIMARY KEY, code varchar(10));");
        write(
                "risky",
                "V2__drop.sql",
                "-- unsafe, but applied with allowUnsafe below\nALTER TABLE item DROP COLUMN id;");
        MigrateAll.Builder migrateAll = migrateAll();
        assertThat(migrateAll.allowUnsafe(true).load().run().failures()).isEmpty();
        write("risky", "V3__widen.sql", "ALTER TABLE item ALTER COLUMN code TYPE varchar(20);");

        MigrateAllReport report = migrateAll.allowUnsafe(false).load().run();

        assertThat(report.failures()).isEmpty();
        assertThat(TestServers.historyVersions(pg, UNSAFE.value(), "risky")).containsExactly("1", "2", "3");
    }
}
