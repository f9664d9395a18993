package dev.approuting.flyway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.approuting.core.AppName;
import dev.approuting.core.CredentialsSource;
import dev.approuting.core.DbCredentials;
import dev.approuting.core.DbName;
import dev.approuting.core.DbRouterRegistry;
import dev.approuting.core.PerAppDbRouter;
import dev.approuting.testkit.postgres.PostgresExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@code CREATE INDEX CONCURRENTLY} that fails or whose process is killed leaves an invalid index
 * outside any transaction: the failed migration names it and gives the way out, which works.
 */
class InvalidIndexIT {
    @RegisterExtension
    static final PostgresExtension pg = PostgresExtension.embedded();

    private static final DbName SHOP = DbName.of("ii_shop");
    private static final AppName BOOKS = AppName.of("books");
    private static final DbRouterRegistry REGISTRY = DbRouterRegistry.builder()
            .router(PerAppDbRouter.forDb(SHOP.value()).apps("books").build())
            .build();

    @TempDir
    Path scripts;

    @BeforeEach
    void freshDatabase() throws IOException {
        pg.execute("postgres", "DROP DATABASE IF EXISTS " + SHOP + " WITH (FORCE)", "CREATE DATABASE " + SHOP);
        write(
                "V1__create_entry.sql",
                "CREATE TABLE entry (id bigint PRIMARY KEY, note text);\n"
                        + "INSERT INTO entry VALUES (1, 'same'), (2, 'same');");
    }

    private void write(String file, String sql) throws IOException {
        Path path = scripts.resolve("books").resolve(file);
        Files.createDirectories(path.getParent());
        Files.writeString(path, sql);
    }

    private MigrateAll migrateAll() {
        return MigrateAll.configure(REGISTRY)
                .credentials(CredentialsSource.of(
                        Map.of(SHOP, DbCredentials.of(pg.host(), pg.port(), SHOP.value(), pg.user(), pg.password()))))
                .config(MigrationConfig.builder()
                        .defaults(s -> s.locations("filesystem:" + scripts + "/{app}"))
                        .build())
                .load();
    }

    private static MigrationError errorOf(MigrateAllReport report) {
        AppMigrationResult books =
                report.database(SHOP).flatMap(d -> d.app(BOOKS)).orElseThrow();
        assertThat(books.failed()).as(books.toString()).isTrue();
        return Objects.requireNonNull(books.error(), "error of " + books);
    }

    private static List<String> invalidIndexes() {
        return pg.column(
                SHOP.value(),
                "SELECT c.relname FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid WHERE NOT i.indisvalid");
    }

    @Test
    void aKilledConcurrentIndexBuildIsNamedWithTheWayOutAndTheWayOutWorks() throws IOException {
        migrateAll().run().orThrow();
        // The state kill -9 leaves: the index exists, invalid, and the history has no row for V2.
        try {
            pg.execute(SHOP.value(), "CREATE UNIQUE INDEX CONCURRENTLY entry_note ON books.entry (note)");
        } catch (RuntimeException expected) {
            assertThat(expected).hasMessageContaining("could not create unique index");
        }
        pg.execute(SHOP.value(), "DELETE FROM books.entry WHERE id = 2");
        assertThat(invalidIndexes()).containsExactly("entry_note");
        write("V2__unique_note.sql", "CREATE UNIQUE INDEX CONCURRENTLY entry_note ON entry (note);");

        MigrationError error = errorOf(migrateAll().run());

        assertThat(error.sqlState()).isEqualTo("42P07");
        assertThat(error.message())
                .contains("already exists")
                .contains("In database 'ii_shop', app 'books' has an invalid index: books.entry_note (on entry)")
                .contains("DROP INDEX CONCURRENTLY IF EXISTS \"books\".\"entry_note\";")
                .contains("repair() (routing repair)")
                .contains("migrate again (routing migrate-all)");

        // The way out, as the message gives it: the failed rerun left a failed history row, which repair removes.
        pg.execute(SHOP.value(), "DROP INDEX CONCURRENTLY IF EXISTS books.entry_note");
        migrateAll().repair().orThrow();
        MigrateAllReport again = migrateAll().run();
        assertThat(again.success()).as(again.toString()).isTrue();
        assertThat(invalidIndexes()).isEmpty();
    }

    @Test
    void aFailedConcurrentIndexBuildIsNamedAndRepairThenMigrateRecovers() throws IOException {
        migrateAll().run().orThrow();
        write("V2__unique_note.sql", "CREATE UNIQUE INDEX CONCURRENTLY entry_note ON entry (note);");

        MigrationError failed = errorOf(migrateAll().run());

        assertThat(failed.sqlState()).isEqualTo("23505");
        assertThat(failed.message()).contains("has an invalid index: books.entry_note");
        MigrationError rerun = errorOf(migrateAll().run());
        assertThat(rerun.message())
                .as("the rerun, refused on the failed history row, still names the index")
                .contains("DROP INDEX CONCURRENTLY IF EXISTS \"books\".\"entry_note\";");

        pg.execute(SHOP.value(), "DELETE FROM books.entry WHERE id = 2");
        pg.execute(SHOP.value(), "DROP INDEX CONCURRENTLY IF EXISTS books.entry_note");
        migrateAll().repair().orThrow();
        MigrateAllReport recovered = migrateAll().run();
        assertThat(recovered.success()).as(recovered.toString()).isTrue();
        assertThat(invalidIndexes()).isEmpty();
    }
}
