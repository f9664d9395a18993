package dev.approuting.testkit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.approuting.core.AppName;
import dev.approuting.core.DbCredentials;
import dev.approuting.core.DbName;
import dev.approuting.flyway.MigrationConfig;
import dev.approuting.testkit.postgres.PostgresProvider;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine under the extension: template keys, clones, the sweep of crashed runs, kept data. */
class TemplatesIT {
    private static final DbName NOTES = DbName.of("notes");
    private static final List<AppName> APPS = AppName.listOf("notes");

    private static TestRuntime.Lease lease;
    private static TestRuntime runtime;

    @BeforeAll
    static void start() {
        lease = TestRuntime.lease("embedded");
        runtime = lease.runtime();
    }

    @AfterAll
    static void stop() {
        lease.close();
    }

    private static SchemaMigrator migratorOver(Path dir) {
        return new FlywaySchemaMigrator(
                MigrationConfig.builder()
                        .app("notes", s -> s.locations("filesystem:" + dir))
                        .build(),
                false);
    }

    @Test
    void aChangedScriptGivesANewTemplate_anUnchangedOneTheSame(@TempDir Path dir) throws Exception {
        Path script = dir.resolve("V1__note.sql");
        Files.writeString(script, "CREATE TABLE note (id bigint PRIMARY KEY);\n");
        Template first = runtime.template(NOTES, APPS, migratorOver(dir));
        assertThat(runtime.template(NOTES, APPS, migratorOver(dir)).name()).isEqualTo(first.name());

        Files.writeString(script, "CREATE TABLE note (id bigint PRIMARY KEY, body text);\n");
        Template second = runtime.template(NOTES, APPS, migratorOver(dir));

        assertThat(second.name())
                .isNotEqualTo(first.name())
                .startsWith("approuting_t_")
                .endsWith("_notes");
        assertThat(runtime.admin().exists(first.name())).isTrue();
        Template.Clone clone = second.take();
        assertThat(columns(second.credentials(clone.name()), "note")).containsExactly("id", "body");
        second.release(clone);
    }

    @Test
    void clonesWorkWithBothStrategies(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("V1__note.sql"), "CREATE TABLE note (id bigint PRIMARY KEY, kind text);\n");
        Template template = runtime.template(NOTES, APPS, migratorOver(dir));
        ServerAdmin admin = runtime.admin();
        for (CloneStrategy strategy : List.of(CloneStrategy.WAL_LOG, CloneStrategy.FILE_COPY)) {
            String clone = "approuting_c_" + admin.runId() + "_"
                    + strategy.name().toLowerCase(java.util.Locale.ROOT) + "_notes";
            admin.cloneFrom(template.name(), clone, strategy, NOTES);
            assertThat(columns(admin.credentials(clone), "note")).containsExactly("id", "kind");
            admin.drop(clone, NOTES);
            assertThat(admin.exists(clone)).isFalse();
        }
    }

    @Test
    void databasesOfACrashedRunAreSwept_thoseOfALiveRunKept() throws SQLException {
        ServerAdmin admin = runtime.admin();
        admin.create("approuting_c_deadbeef_1_notes", NOTES);
        admin.create("approuting_b_deadbeef_2_notes", NOTES);
        admin.create("approuting_c_cafebabe_1_notes", NOTES);
        DbCredentials login = runtime.admin().credentials(runtime.server().adminDatabase());
        Properties props = new Properties();
        props.setProperty("user", login.user());
        props.setProperty("password", login.password());
        props.setProperty("ApplicationName", "approuting-testkit-cafebabe");
        try (Connection liveRun = DriverManager.getConnection(login.jdbcUrl(), props)) {
            try (ServerAdmin nextRun = new ServerAdmin(runtime.server(), "0badf00d")) {
                assertThat(nextRun.sweepStale())
                        .contains("approuting_c_deadbeef_1_notes", "approuting_b_deadbeef_2_notes")
                        .doesNotContain("approuting_c_cafebabe_1_notes");
            }
            assertThat(liveRun.isValid(1)).isTrue();
        }
        assertThat(admin.exists("approuting_c_deadbeef_1_notes")).isFalse();
        assertThat(admin.exists("approuting_c_cafebabe_1_notes")).isTrue();
        admin.drop("approuting_c_cafebabe_1_notes", NOTES);
    }

    @Test
    void aDataDirectoryKeepsTemplatesForTheNextRun(@TempDir Path data, @TempDir Path scripts) throws IOException {
        Files.writeString(scripts.resolve("V1__note.sql"), "CREATE TABLE note (id bigint PRIMARY KEY);\n");
        String name;
        try (TestRuntime first =
                new TestRuntime(PostgresProvider.embedded().withDataDirectory(data), 1, CloneStrategy.DEFAULT)) {
            Template template = first.template(NOTES, APPS, migratorOver(scripts));
            name = template.name();
            template.release(template.take());
        }
        try (TestRuntime second =
                new TestRuntime(PostgresProvider.embedded().withDataDirectory(data), 0, CloneStrategy.DEFAULT)) {
            assertThat(second.admin().exists(name))
                    .as("template kept across runs")
                    .isTrue();
            assertThat(second.template(NOTES, APPS, migratorOver(scripts)).name())
                    .isEqualTo(name);
            assertThat(databases(second.admin(), "approuting_c_%"))
                    .as("no clones left behind")
                    .isEmpty();
        }
    }

    private static List<String> columns(DbCredentials credentials, String table) throws SQLException {
        try (Connection c =
                        DriverManager.getConnection(credentials.jdbcUrl(), credentials.user(), credentials.password());
                var ps = c.prepareStatement(
                        "SELECT column_name FROM information_schema.columns WHERE table_schema = 'notes'"
                                + " AND table_name = ? ORDER BY ordinal_position")) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                List<String> names = new java.util.ArrayList<>();
                while (rs.next()) {
                    names.add(rs.getString(1));
                }
                return names;
            }
        }
    }

    private static List<String> databases(ServerAdmin admin, String like) {
        DbCredentials login = admin.credentials(admin.server().adminDatabase());
        try (Connection c = DriverManager.getConnection(login.jdbcUrl(), login.user(), login.password());
                var ps = c.prepareStatement("SELECT datname FROM pg_database WHERE datname LIKE ?")) {
            ps.setString(1, like);
            try (ResultSet rs = ps.executeQuery()) {
                List<String> names = new java.util.ArrayList<>();
                while (rs.next()) {
                    names.add(rs.getString(1));
                }
                return names;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
