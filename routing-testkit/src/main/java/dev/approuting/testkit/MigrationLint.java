package dev.approuting.testkit;

import dev.approuting.lint.FileReport;
import dev.approuting.lint.Finding;
import dev.approuting.lint.LintReport;
import dev.approuting.lint.MigrationLinter;
import dev.approuting.lint.Severity;
import dev.approuting.testkit.internal.DeployedCodeCheck;
import dev.approuting.testkit.internal.ServerLogin;
import dev.approuting.testkit.internal.TestRuntime;
import dev.approuting.testkit.postgres.PostgresProvider;
import dev.approuting.testkit.postgres.PostgresServer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.sql.DataSource;
import org.jooq.Catalog;
import org.jooq.Schema;
import org.opentest4j.AssertionFailedError;

/**
 * Migration safety in a service's own tests: the lint as an assertion (static, or traced on the
 * testkit's PostgreSQL), and the check that the code currently deployed still works on a database
 * migrated with the new migrations.
 *
 * <pre>{@code
 * @Test
 * void migrationsAreSafe() {
 *     MigrationLint.assertSafe(Path.of("src/main/resources/db/migration"));
 * }
 * }</pre>
 */
public final class MigrationLint {
    private MigrationLint() {}

    /**
     * Lints the migrations statically with the default settings and fails when an error-level finding
     * exists.
     *
     * @param paths files, folders (every {@code *.sql} below) or glob patterns
     * @return the report (warnings may remain)
     * @throws AssertionFailedError listing every error-level finding with its file, line, rule, message
     *     and fix
     * @throws dev.approuting.core.RoutingException for bad input (a missing or unreadable file)
     */
    public static LintReport assertSafe(Path... paths) {
        return assertSafe(MigrationLinter.configure(), paths);
    }

    /**
     * Like {@link #assertSafe(Path...)} with a configured linter, for example one given the deployed
     * model ({@link MigrationLinter.Builder#deployedModel(Catalog...)}) or a trace server.
     *
     * <pre>{@code
     * MigrationLint.assertSafe(
     *         MigrationLinter.configure().pgVersion(16).deployedModel(DefaultCatalog.DEFAULT_CATALOG),
     *         Path.of("src/main/resources/db/migration"));
     * }</pre>
     *
     * @param linter the configuration
     * @param paths what to lint
     * @return the report (warnings may remain)
     * @throws AssertionFailedError listing every error-level finding
     */
    public static LintReport assertSafe(MigrationLinter.Builder linter, Path... paths) {
        return failOnErrors(linter.load().lint(paths));
    }

    /**
     * Like {@link #assertSafe(MigrationLinter.Builder, Path...)}, and also traces the migrations on the
     * PostgreSQL server {@link PostgresProvider#fromSpec(String)} picks (embedded by default): started
     * for this call, a scratch database created and dropped on it. Finds rewrites, drops and renames the
     * parser cannot see, and turns predicted rewrites PostgreSQL does not do into warnings.
     *
     * @param linter the configuration
     * @param paths what to lint
     * @return the report with a trace per file
     * @throws AssertionFailedError listing every error-level finding
     */
    public static LintReport assertSafeTraced(MigrationLinter.Builder linter, Path... paths) {
        try (PostgresServer server = TestRuntime.startServer(TestRuntime.provider(""))) {
            return assertSafeTraced(server, linter, paths);
        }
    }

    /**
     * Like {@link #assertSafeTraced(MigrationLinter.Builder, Path...)} on a server the test already
     * runs; it is left running.
     *
     * @param server the server; its admin login must be allowed to create databases
     * @param linter the configuration
     * @param paths what to lint
     * @return the report with a trace per file
     * @throws AssertionFailedError listing every error-level finding
     */
    public static LintReport assertSafeTraced(PostgresServer server, MigrationLinter.Builder linter, Path... paths) {
        return failOnErrors(linter.trace(ServerLogin.credentials(server, server.adminDatabase()))
                .load()
                .lint(paths));
    }

    /**
     * Returns every way the code currently deployed would break on a database migrated with the new
     * migrations: a table or column its jOOQ model uses that is missing (dropped or renamed), a type
     * changed so that its reads or writes fail (widening such as {@code int} to {@code bigint} or a
     * longer {@code varchar} is fine), a column that became NOT NULL while the model allows nulls, and a
     * new NOT NULL column without a default that its inserts do not supply.
     *
     * @param deployed the generated jOOQ catalog of the deployed release, such as
     *     {@code DefaultCatalog.DEFAULT_CATALOG} from the previous release's artifact
     * @param migrated a database migrated with the new migrations
     * @return the problems, each naming the table or column; empty when the deployed code works
     * @throws dev.approuting.core.RoutingException when the database cannot be read
     */
    public static List<String> deployedCodeProblems(Catalog deployed, DataSource migrated) {
        return DeployedCodeCheck.problems(deployed.getSchemas(), migrated);
    }

    /**
     * Like {@link #deployedCodeProblems(Catalog, DataSource)} for single schemas of the model.
     *
     * @param migrated a database migrated with the new migrations
     * @param deployed the deployed model's schemas
     * @return the problems; empty when the deployed code works
     */
    public static List<String> deployedCodeProblems(DataSource migrated, Schema... deployed) {
        return DeployedCodeCheck.problems(Arrays.asList(deployed), migrated);
    }

    /**
     * Fails when the code currently deployed would break on a database migrated with the new
     * migrations; see {@link #deployedCodeProblems(Catalog, DataSource)}.
     *
     * <pre>{@code
     * MigrationLint.assertDeployedCodeWorks(
     *         previous.release.db.DefaultCatalog.DEFAULT_CATALOG, migratedDataSource);
     * }</pre>
     *
     * @param deployed the generated jOOQ catalog of the deployed release
     * @param migrated a database migrated with the new migrations
     * @throws AssertionFailedError listing every problem
     */
    public static void assertDeployedCodeWorks(Catalog deployed, DataSource migrated) {
        List<String> problems = deployedCodeProblems(deployed, migrated);
        if (!problems.isEmpty()) {
            throw new AssertionFailedError("the deployed code would break on the migrated database ("
                    + problems.size() + " problem" + (problems.size() == 1 ? "" : "s")
                    + "); keep the migrations backward compatible (add, backfill, switch, then drop in a"
                    + " later release):\n  - " + String.join("\n  - ", problems));
        }
    }

    private static LintReport failOnErrors(LintReport report) {
        List<String> errors = new ArrayList<>();
        for (FileReport file : report.files()) {
            for (Finding f : file.findings()) {
                if (f.severity() == Severity.ERROR) {
                    errors.add(f.describe(file.path()) + "\n      "
                            + f.statement().replace("\n", "\n      ") + "\n      fix: " + f.fix());
                }
            }
        }
        if (!errors.isEmpty()) {
            throw new AssertionFailedError(errors.size() + " unsafe migration statement"
                    + (errors.size() == 1 ? "" : "s")
                    + (report.tracedOn() == null ? "" : " (traced on " + report.tracedOn() + ")")
                    + "; fix each, or suppress it with '-- routing:ignore <rule> reason: <why>':\n  - "
                    + String.join("\n  - ", errors));
        }
        return report;
    }
}
