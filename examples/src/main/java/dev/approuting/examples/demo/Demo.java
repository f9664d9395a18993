package dev.approuting.examples.demo;

import dev.approuting.cli.RoutingCommandLine;
import dev.approuting.core.CredentialsSource;
import dev.approuting.core.DbCredentials;
import dev.approuting.core.RoutedDatabases;
import dev.approuting.core.RoutingException;
import dev.approuting.core.ServiceName;
import dev.approuting.examples.routing.CompanyRegistry;
import dev.approuting.examples.services.Deployment;
import dev.approuting.examples.services.buildsenseapi.BuildsenseApi;
import dev.approuting.examples.services.mavencrawler.MavenCrawler;
import dev.approuting.examples.services.pypicrawler.PypiCrawler;
import dev.approuting.examples.services.usersapi.UsersApi;
import dev.approuting.flyway.DatabaseMigrationResult;
import dev.approuting.flyway.DevSetup;
import dev.approuting.flyway.DevSetupReport;
import dev.approuting.testkit.postgres.PostgresProvider;
import dev.approuting.testkit.postgres.PostgresServer;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Runs the example company end to end and explains what it shows: development setup with
 * production's roles and secrets, each service's work landing in its own databases (the
 * {@code workflow} app in three of them), the routing table, the guard stopping a cross-database
 * query, and the status of every database. Starts an embedded PostgreSQL unless given a server;
 * leaves nothing running.
 *
 * <pre>{@code
 * ./demo                                   # embedded PostgreSQL
 * ./demo --url jdbc:postgresql://localhost:5432/postgres --user postgres   # PGPASSWORD for the password
 * }</pre>
 */
public final class Demo {
    private static final String NAMESPACE = "dev";

    private final PrintWriter out;

    /** Writes the demo's story to {@code out}. */
    public Demo(PrintWriter out) {
        this.out = out;
    }

    /** Runs the demo; see the class documentation for the options. */
    public static void main(String[] args) {
        quietLogging();
        PrintWriter out = stdout();
        int exit;
        try {
            exit = new Demo(out).run(args);
        } catch (RuntimeException e) {
            out.println("demo failed: " + e.getMessage());
            exit = 1;
        }
        out.flush();
        System.exit(exit);
    }

    /**
     * Runs the demo with command-line style arguments.
     *
     * @return the exit code: 0 when every step did what it should
     */
    public int run(String... args) {
        Options options = Options.parse(args);
        if (options.help()) {
            out.println(Options.USAGE);
            return 0;
        }
        if (options.problem() != null) {
            out.println(options.problem());
            out.println(Options.USAGE);
            return 2;
        }
        PostgresProvider provider = options.url() == null
                ? PostgresProvider.embedded()
                : PostgresProvider.external(options.url(), options.user(), options.password());
        long started = System.nanoTime();
        Path secrets = temporaryDirectory();
        try (PostgresServer server = provider.start()) {
            title("approuting demo on " + server.describe());
            return story(
                    DbCredentials.of(
                            server.host(), server.port(), server.adminDatabase(), server.user(), server.password()),
                    secrets,
                    started);
        } finally {
            deleteRecursively(secrets);
        }
    }

    private int story(DbCredentials admin, Path secrets, long started) {
        step(1, "Development setup: every database, with production's roles and secrets");
        note("DevSetup (routing dev-setup --with-roles): an owner role per database, a login role that must");
        note("SET ROLE to it, secrets written as Kubernetes mounts them, then migrate-all through those secrets.");
        DevSetupReport setup = DevSetup.configure(CompanyRegistry.build())
                .superuser(admin.jdbcUrl(), admin.user(), admin.password())
                .withRoles(secrets, NAMESPACE)
                .load()
                .run();
        out.println();
        row("DATABASE", pad("APPS", 50) + pad("MIGRATED", 12) + "LOGIN ROLE (SET ROLE owner)");
        for (DatabaseMigrationResult db : setup.migration().databases()) {
            String apps = db.apps().stream().map(a -> a.app().value()).collect(Collectors.joining(", "));
            String login = setup.provisioning().stream()
                    .filter(p -> p.db().equals(db.db()))
                    .flatMap(p -> p.logins().stream())
                    .map(l -> l.role() + " -> " + db.db() + "_owner")
                    .findFirst()
                    .orElse("-");
            String migrated = db.success() ? db.appliedCount() + " applied" : "FAILED";
            row(db.db().value(), pad(apps, 50) + pad(migrated, 12) + login);
        }
        out.printf(
                "   %d databases migrated in parallel in %d ms; secrets in %s%n",
                setup.migration().databases().size(),
                setup.migration().duration().toMillis(),
                secrets.getFileName());
        if (!setup.success()) {
            return 1;
        }

        step(2, "Services at work, each through its own routing");
        CredentialsSource credentials = CredentialsSource.mountedSecrets(secrets, NAMESPACE);
        Map<ServiceName, List<String>> queues;
        try (RoutedDatabases usersDbs = Deployment.open(CompanyRegistry.USERS_API, credentials);
                RoutedDatabases buildsenseDbs = Deployment.open(CompanyRegistry.BUILDSENSE_API, credentials);
                RoutedDatabases mavenDbs = Deployment.open(CompanyRegistry.MAVEN_CRAWLER, credentials);
                RoutedDatabases pypiDbs = Deployment.open(CompanyRegistry.PYPI_CRAWLER, credentials)) {
            UsersApi users = new UsersApi(usersDbs);
            String token = users.signUp("ada@example.com", "Ada Lovelace");
            row("users/api", "signed up ada@example.com; token valid: " + users.signIn(token));

            BuildsenseApi buildsense = new BuildsenseApi(buildsenseDbs);
            long build = buildsense.recordBuild(
                    "ada@example.com", "acme/app", "main", Map.of("junit.xml", 4_096L, "coverage.xml", 20_480L));
            row("buildsense/api", "recorded build " + build + " of acme/app with 2 files, queued its processing");

            MavenCrawler maven = new MavenCrawler(mavenDbs);
            maven.crawl("org.example", "widget", "1.0.0");
            row("crawler/maven", "crawled org.example:widget:1.0.0, queued its dependencies");

            PypiCrawler pypi = new PypiCrawler(pypiDbs);
            pypi.crawl("requests", "2.32.3");
            row("crawler/pypi", "crawled requests 2.32.3, queued its metadata");

            step(3, "One app, three databases: the workflow queue of each service");
            note("The same WorkQueue code; the routing puts each service's rows in its own database.");
            queues = Map.of(
                    CompanyRegistry.BUILDSENSE_API, buildsense.queue().pendingKinds(),
                    CompanyRegistry.MAVEN_CRAWLER, maven.queue().pendingKinds(),
                    CompanyRegistry.PYPI_CRAWLER, pypi.queue().pendingKinds());
            for (ServiceName service : List.of(
                    CompanyRegistry.BUILDSENSE_API, CompanyRegistry.MAVEN_CRAWLER, CompanyRegistry.PYPI_CRAWLER)) {
                String db = CompanyRegistry.build()
                        .forService(service)
                        .dbFor(dev.approuting.examples.workflow.WorkQueue.APP)
                        .value();
                row(service.value(), "workflow -> database " + pad(db, 10) + " pending: " + queues.get(service));
            }

            step(4, "The routing table (service x app -> database), from the registry");
            CompanyRegistry.build().routingTable().lines().forEach(line -> out.println("   " + line));

            step(5, "The guard: buildsense/api's workflow code reads users.user_account");
            try {
                buildsense.countUsersTheWrongWay();
                row("unexpected", "the query ran; the guard should have stopped it");
                return 1;
            } catch (RoutingException e) {
                note("stopped before it ran, " + e.code() + ":");
                wrap(String.valueOf(e.getMessage())).forEach(line -> out.println("     " + line));
            }
        }

        step(6, "Status of every database (routing status)");
        int status = routing(
                "status",
                "--environment",
                "development",
                "--secrets-dir",
                secrets.toString(),
                "--namespace",
                NAMESPACE);

        out.println();
        out.printf(
                "Done in %.1f s. Databases, roles and secrets were made on a throw-away server.%n",
                (System.nanoTime() - started) / 1e9);
        boolean separated = List.of("process-build").equals(queues.get(CompanyRegistry.BUILDSENSE_API))
                && List.of("resolve-dependencies").equals(queues.get(CompanyRegistry.MAVEN_CRAWLER))
                && List.of("extract-metadata").equals(queues.get(CompanyRegistry.PYPI_CRAWLER));
        return status == 0 && separated ? 0 : 1;
    }

    private int routing(String... args) {
        PrintWriter indented = new PrintWriter(new IndentingWriter(out, "   "), true);
        int exit = RoutingCommandLine.run(CompanyRegistry.build(), indented, indented, args);
        indented.flush();
        return exit;
    }

    private void title(String text) {
        out.println(text);
        out.println("=".repeat(text.length()));
    }

    private void step(int n, String text) {
        out.println();
        out.println(n + ". " + text);
    }

    private void note(String text) {
        out.println("   " + text);
    }

    private void row(String who, String what) {
        out.println("   " + pad(who, 16) + what);
    }

    private static String pad(String text, int width) {
        return text.length() >= width ? text + " " : text + " ".repeat(width - text.length());
    }

    private static List<String> wrap(String message) {
        List<String> lines = new java.util.ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : message.split(" ", -1)) {
            if (line.length() + word.length() > 90) {
                lines.add(line.toString().stripTrailing());
                line.setLength(0);
            }
            line.append(word).append(' ');
        }
        lines.add(line.toString().stripTrailing());
        return lines;
    }

    private static Path temporaryDirectory() {
        try {
            return Files.createTempDirectory("approuting-demo-secrets");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary directory for the demo's secrets", e);
        }
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the demo's secrets in " + dir, e);
        }
    }

    private static void quietLogging() {
        for (String[] property : new String[][] {
            {"org.slf4j.simpleLogger.defaultLogLevel", "warn"},
            {"org.slf4j.simpleLogger.showThreadName", "false"},
            {"org.jooq.no-logo", "true"},
            {"org.jooq.no-tips", "true"}
        }) {
            if (System.getProperty(property[0]) == null) {
                System.setProperty(property[0], property[1]);
            }
        }
    }

    @SuppressWarnings("SystemOut") // the demo's one output writer
    private static PrintWriter stdout() {
        return new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
    }
}
