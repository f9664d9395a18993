package dev.approuting.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.approuting.core.AppName;
import dev.approuting.core.CredentialsSource;
import dev.approuting.core.DbName;
import dev.approuting.core.DbRouterRegistry;
import dev.approuting.core.PerAppDbRouter;
import dev.approuting.fixtures.TestServers;
import dev.approuting.flyway.AppMigrationResult;
import dev.approuting.flyway.AppMigrationResult.Outcome;
import dev.approuting.flyway.MigrateAll;
import dev.approuting.flyway.MigrateAllReport;
import dev.approuting.flyway.MigrationConfig;
import dev.approuting.flyway.ValidationReport;
import dev.approuting.testkit.postgres.PostgresExtension;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad migration files through migrate-all and validate: each app lives in a database of its own with
 * its scripts in a folder of the test; a bad file fails that app with an error naming the file and
 * what to do, and nothing of the app is applied.
 */
@ExtendWith(SecretScan.class)
class HostileMigrationFilesIT {
    private static final String GOOD = "CREATE TABLE item (id int PRIMARY KEY);";

    @TempDir
    static Path scripts;

    @RegisterExtension
    static final PostgresExtension pg = PostgresExtension.embedded();

    /** Migrates (or validates) app {@code app} alone in a fresh database named after it. */
    private static MigrateAll only(String app) {
        DbName db = DbName.of("db_" + app);
        TestServers.createDatabases(pg, List.of(db));
        return MigrateAll.configure(DbRouterRegistry.builder()
                        .router(PerAppDbRouter.forDb(db.value()).apps(app).build())
                        .build())
                .credentials(CredentialsSource.of(Map.of(db, TestServers.superuser(pg, db.value()))))
                .config(MigrationConfig.builder()
                        .defaults(s -> s.locations("filesystem:" + scripts + "/{app}"))
                        .build())
                .load();
    }

    private static void write(String app, String file, byte[] content) throws IOException {
        Path path = scripts.resolve(app).resolve(file);
        Files.createDirectories(Objects.requireNonNull(path.getParent()));
        Files.write(path, content);
    }

    /** Starts {@code app} with a good first migration, so what the test adds next is what is refused. */
    private static void startApp(String app) throws IOException {
        write(app, "V1__item.sql", GOOD);
    }

    private static void write(String app, String file, String sql) throws IOException {
        write(app, file, sql.getBytes(StandardCharsets.UTF_8));
    }

    /** Runs migrate-all and validate over {@code app}; both must refuse, naming {@code file} and saying {@code expected}. */
    private static String refused(String app, String file, String expected) {
        MigrateAll migrateAll = only(app);
        ValidationReport validation = migrateAll.validate();
        MigrateAllReport report = migrateAll.run();
        SecretScan.text("report", report + " " + validation);
        AppMigrationResult result = report.databases().get(0).apps().get(0);
        assertThat(result.outcome()).as("%s: %s", app, result).isEqualTo(Outcome.FAILED);
        String error = Objects.requireNonNull(result.error()).describe();
        assertThat(error).contains(file, expected);
        assertThat(result.applied()).as("%s: applied", app).isEmpty();
        assertThat(pg.column("db_" + app, "SELECT count(*) FROM pg_class WHERE relname = 'item'"))
                .as("%s: nothing of the app applied", app)
                .containsExactly("0");
        assertThat(validation.valid()).as("%s: validate", app).isFalse();
        assertThat(validation.problems())
                .extracting(ValidationReport.Problem::describe)
                .anySatisfy(p -> assertThat(p).contains(file, expected));
        return error;
    }

    /** Records what the suite saw for one kind of hostile migration file. */
    private static void hostile(String input, String outcome) {
        Guarantees.record("Hostile input", input, outcome);
    }

    @Test
    void notUtf8() throws IOException {
        startApp("latin");
        write(
                "latin",
                "V2__note.sql",
                "ALTER TABLE item ADD note text DEFAULT 'caf\u00e9';".getBytes(StandardCharsets.ISO_8859_1));
        String error = refused("latin", "V2__note.sql", "Unable to calculate checksum of");
        hostile("migration file not UTF-8", "migrate-all and validate refuse the app: " + oneLine(error));
    }

    @Test
    void emptyFile() throws IOException {
        startApp("hollow");
        write("hollow", "V2__later.sql", "-- to do\n\n");
        String error = refused("hollow", "V2__later.sql", "holds no SQL");
        hostile(
                "empty migration file (Flyway alone records it as applied)",
                "migrate-all and validate refuse the app, nothing applied: " + oneLine(error));
    }

    @Test
    void duplicateVersions() throws IOException {
        startApp("twice");
        write("twice", "V2__add_a.sql", "ALTER TABLE item ADD a int;");
        write("twice", "V2__add_b.sql", "ALTER TABLE item ADD b int;");
        String error = refused("twice", "V2__add_b.sql", "Found more than one migration with version 2");
        assertThat(error).contains("V2__add_a.sql", "V2__add_b.sql");
        hostile(
                "duplicate migration versions",
                "migrate-all and validate refuse the app naming both files: " + oneLine(error));
    }

    @Test
    void unreadableAsDanglingLinkOrDirectory() throws IOException {
        startApp("gone");
        Files.createSymbolicLink(scripts.resolve("gone/V2__moved.sql"), scripts.resolve("nowhere/V2__moved.sql"));
        String link = refused("gone", "V2__moved.sql", "is a symbolic link to a missing file");
        startApp("folder");
        Files.createDirectories(scripts.resolve("folder/V2__folder.sql"));
        String directory = refused("folder", "V2__folder.sql", "is a directory, not a file");
        hostile(
                "unreadable migration file (Flyway alone skips it without a word)",
                "dangling link: " + oneLine(link) + "; directory: " + oneLine(directory)
                        + "; chmod 000 when not root: see the next row");
    }

    @Test
    void unreadableByPermissions() throws IOException {
        startApp("locked");
        write("locked", "V2__secret.sql", "ALTER TABLE item ADD a int;");
        Path locked = scripts.resolve("locked/V2__secret.sql");
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("---------"));
        boolean enforced = !Files.isReadable(locked);
        if (!enforced) {
            hostile(
                    "migration file unreadable by permissions (chmod 000)",
                    "not measured: the suite ran as root, which reads any file; the dangling-link and directory cases"
                            + " stand in");
        }
        Assumptions.assumeTrue(
                enforced, "running as root: file permissions are not enforced, so chmod 000 proves nothing here");
        String error = refused("locked", "V2__secret.sql", "");
        hostile("migration file unreadable by permissions (chmod 000)", oneLine(error));
    }

    @Test
    void aVersionGapIsAllowedAsFlywayAllowsIt() throws IOException {
        startApp("gap");
        write("gap", "V5__add_a.sql", "ALTER TABLE item ADD a int;");
        MigrateAll migrateAll = only("gap");

        MigrateAllReport report = migrateAll.run();

        assertThat(report.success()).isTrue();
        assertThat(report.databases()
                        .get(0)
                        .app(AppName.of("gap"))
                        .orElseThrow()
                        .applied())
                .containsExactly("1", "5");
        assertThat(migrateAll.validate().valid()).isTrue();

        // A version below the applied one: applied out of order (approuting's default, for branches).
        write("gap", "V3__late.sql", "ALTER TABLE item ADD b int;");
        assertThat(migrateAll.validate().valid()).isTrue();
        MigrateAllReport outOfOrder = migrateAll.run();
        assertThat(outOfOrder.appliedCount()).isEqualTo(1);
        assertThat(TestServers.historyVersions(pg, "db_gap", "gap")).containsExactly("1", "5", "3");

        // With outOfOrder off, validate reports what migrate-all would refuse.
        write("gap", "V4__later.sql", "ALTER TABLE item ADD c int;");
        MigrateAll strict = MigrateAll.configure(DbRouterRegistry.builder()
                        .router(PerAppDbRouter.forDb("db_gap").apps("gap").build())
                        .build())
                .credentials(CredentialsSource.of(Map.of(DbName.of("db_gap"), TestServers.superuser(pg, "db_gap"))))
                .config(MigrationConfig.builder()
                        .defaults(s ->
                                s.locations("filesystem:" + scripts + "/{app}").outOfOrder(false))
                        .build())
                .load();
        ValidationReport late = strict.validate();
        assertThat(late.valid()).isFalse();
        assertThat(late.problems()).hasSize(1);
        assertThat(late.problems().get(0).describe())
                .contains("V4__later.sql", "Detected resolved migration not applied to database: 4");
        MigrateAllReport refused = strict.run();
        assertThat(refused.success()).isFalse();
        assertThat(TestServers.historyVersions(pg, "db_gap", "gap")).containsExactly("1", "5", "3");
        SecretScan.text("report", report + " " + late + " " + refused);
        hostile(
                "a version gap (V1, V5) and a version below the applied one",
                "a gap is allowed, as in Flyway (versions need only ascend): V1 and V5 applied, validate passes; a V3"
                        + " added after V5 is applied out of order (approuting's default outOfOrder=true); with"
                        + " outOfOrder=false migrate-all refuses a late V4 and validate reports it: "
                        + oneLine(late.problems().get(0).describe()));
    }

    private static String oneLine(String text) {
        String line = text.replaceAll("\\s+", " ").strip();
        return line.length() > 220 ? line.substring(0, 220) + " …" : line;
    }
}
