package dev.approuting.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.approuting.core.DbCredentials;
import dev.approuting.lint.FileReport;
import dev.approuting.lint.FileTrace;
import dev.approuting.lint.Finding;
import dev.approuting.lint.LintReport;
import dev.approuting.lint.LintRule;
import dev.approuting.lint.MigrationLinter;
import dev.approuting.lint.Severity;
import dev.approuting.testkit.compat.deployed.DefaultCatalog;
import dev.approuting.testkit.internal.ServerLogin;
import dev.approuting.testkit.postgres.PostgresExtension;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Objects;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * {@link MigrationLint} with a real jOOQ model, generated at build time from the Flyway scripts of the
 * "deployed release" ({@code db/compat/deployed}, {@code legacy_code} excluded from the model), against
 * databases migrated with a safe and a breaking next release.
 */
class MigrationLintIT {
    @RegisterExtension
    static final PostgresExtension server = PostgresExtension.embedded();

    @TempDir
    Path dir;

    /** Copies the deployed release's V1 and the next release's V2 into one app folder, as a service has them. */
    private Path crm(String nextRelease) throws IOException {
        Path app = Files.createDirectories(dir.resolve("crm"));
        copy("db/compat/deployed/V1__customer.sql", app);
        try (var files = Files.list(resource("db/compat/" + nextRelease))) {
            for (Path file : files.toList()) {
                Files.copy(file, app.resolve(Objects.requireNonNull(file.getFileName())));
            }
        }
        return app;
    }

    private static void copy(String resource, Path into) throws IOException {
        try (InputStream in = MigrationLintIT.class.getClassLoader().getResourceAsStream(resource)) {
            Files.copy(
                    Objects.requireNonNull(in, resource),
                    into.resolve(Path.of(resource).getFileName()));
        }
    }

    private static Path resource(String name) {
        try {
            return Path.of(Objects.requireNonNull(
                            MigrationLintIT.class.getClassLoader().getResource(name), name)
                    .toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Creates a database and migrates the crm app in it with the deployed release plus {@code nextRelease}. */
    private static PGSimpleDataSource migrated(String db, String nextRelease) {
        DbCredentials admin = ServerLogin.credentials(server, server.adminDatabase());
        try (Connection c = dataSource(admin).getConnection();
                Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + db);
            s.execute("CREATE DATABASE " + db);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        PGSimpleDataSource migrated = dataSource(admin.withDbname(db));
        Flyway.configure()
                .dataSource(migrated)
                .schemas("crm")
                .defaultSchema("crm")
                .locations("classpath:db/compat/deployed", "classpath:db/compat/" + nextRelease)
                .load()
                .migrate();
        return migrated;
    }

    private static PGSimpleDataSource dataSource(DbCredentials credentials) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setUrl(credentials.jdbcUrl());
        ds.setUser(credentials.user());
        ds.setPassword(credentials.password());
        return ds;
    }

    @Test
    void theGeneratedModelLeavesOutWhatTheDeployedReleaseNoLongerUses() {
        assertThat(DefaultCatalog.DEFAULT_CATALOG.getSchemas())
                .extracting(s -> s.getName())
                .containsExactly("crm");
        assertThat(DefaultCatalog.DEFAULT_CATALOG.getSchemas().get(0).getTables())
                .extracting(t -> t.getName())
                .containsExactlyInAnyOrder("customer", "visit");
        assertThat(DefaultCatalog.DEFAULT_CATALOG
                        .getSchemas()
                        .get(0)
                        .getTable("customer")
                        .fields())
                .extracting(f -> f.getName())
                .containsExactly("id", "name", "email");
    }

    @Test
    void theDeployedCodeWorksOnADatabaseMigratedWithTheSafeRelease() {
        PGSimpleDataSource db = migrated("compat_safe", "safe");

        assertThat(MigrationLint.deployedCodeProblems(DefaultCatalog.DEFAULT_CATALOG, db))
                .isEmpty();
        MigrationLint.assertDeployedCodeWorks(DefaultCatalog.DEFAULT_CATALOG, db);
    }

    @Test
    void theDeployedCodeBreaksOnADatabaseMigratedWithTheBreakingRelease() {
        PGSimpleDataSource db = migrated("compat_breaking", "breaking");

        List<String> problems = MigrationLint.deployedCodeProblems(DefaultCatalog.DEFAULT_CATALOG, db);

        assertThat(problems)
                .containsExactlyInAnyOrder(
                        "column crm.customer.name changed type to integer, but the deployed code reads and writes it"
                                + " as varchar (String)",
                        "column crm.customer.email is missing (dropped or renamed), but the deployed code uses it",
                        "column crm.customer.tier is new, NOT NULL and has no default: the deployed code's inserts"
                                + " into crm.customer do not supply it and fail",
                        "table crm.visit is missing (dropped or renamed), but the deployed code uses it");
        assertThatThrownBy(() -> MigrationLint.assertDeployedCodeWorks(DefaultCatalog.DEFAULT_CATALOG, db))
                .isInstanceOf(AssertionFailedError.class)
                .hasMessageContaining("4 problems")
                .hasMessageContaining("crm.visit");
    }

    @Test
    void assertSafeFailsWithEveryFindingListed() throws IOException {
        Path breaking = crm("breaking");

        assertThatThrownBy(() -> MigrationLint.assertSafe(breaking))
                .isInstanceOf(AssertionFailedError.class)
                .hasMessageContaining("4 unsafe migration statements")
                .hasMessageContaining("V2__break_old_code.sql:2:1 [rename-column]")
                .hasMessageContaining("[alter-column-type]")
                .hasMessageContaining("[add-column-not-null-no-default]")
                .hasMessageContaining("[drop-table]")
                .hasMessageContaining("fix: ");
    }

    @Test
    void theDeployedModelAllowsDroppingWhatItNoLongerUses() throws IOException {
        Path safe = crm("safe");
        assertThatThrownBy(() -> MigrationLint.assertSafe(safe))
                .isInstanceOf(AssertionFailedError.class)
                .hasMessageContaining("[drop-column] drops column customer.legacy_code");

        LintReport report = MigrationLint.assertSafe(
                MigrationLinter.configure().deployedModel(DefaultCatalog.DEFAULT_CATALOG), safe);

        assertThat(report.findings())
                .extracting(Finding::rule, Finding::severity)
                .containsExactly(tuple(LintRule.DROP_COLUMN, Severity.WARNING));
    }

    @Test
    void assertSafeTracedConfirmsTheSafeReleaseOnTheTestkitServer() throws IOException {
        LintReport report = MigrationLint.assertSafeTraced(
                server, MigrationLinter.configure().deployedModel(DefaultCatalog.DEFAULT_CATALOG), crm("safe"));

        assertThat(report.tracedOn()).startsWith("PostgreSQL 17.");
        FileReport v2 = report.files().get(1);
        FileTrace trace = Objects.requireNonNull(v2.trace());
        assertThat(trace.statements())
                .flatExtracting(FileTrace.StatementTrace::changes)
                .extracting(FileTrace.SchemaChange::kind, FileTrace.SchemaChange::column)
                .containsExactly(
                        tuple(FileTrace.ChangeKind.COLUMN_ADDED, "phone"),
                        tuple(FileTrace.ChangeKind.COLUMN_TYPE_CHANGED, "email"),
                        tuple(FileTrace.ChangeKind.COLUMN_DROPPED, "legacy_code"));
        assertThat(trace.statements())
                .allSatisfy(st -> assertThat(st.rewritten()).isEmpty());
    }
}
