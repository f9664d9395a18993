package dev.approuting.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.approuting.cli.RoutingCommandLine;
import dev.approuting.core.AppName;
import dev.approuting.core.CredentialsSource;
import dev.approuting.core.DbCredentials;
import dev.approuting.core.DbName;
import dev.approuting.core.DbRouterRegistry;
import dev.approuting.core.ErrorCode;
import dev.approuting.core.PerAppDbRouter;
import dev.approuting.core.RoutingException;
import dev.approuting.core.ServiceName;
import dev.approuting.flyway.MigrationConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile names through every entry point that takes a name: the name records, the registry and
 * Flyway settings builders, the credentials sources, and the command line ({@code --db},
 * {@code --app}, {@code --namespace} of each command). Every one is rejected with an error quoting the
 * value, before any SQL: the databases' secrets and admin URLs point at a {@link Tripwire}, and it
 * counts no connection (a control run with a good name shows it would).
 */
@ExtendWith(SecretScan.class)
class HostileNamesTest {
    /** What kind of name an entry point takes. */
    private enum Kind {
        DATABASE,
        APP,
        SERVICE,
        NAMESPACE
    }

    /**
     * A hostile input.
     *
     * @param label what it tries
     * @param value the input
     * @param acceptedBy the kinds of name it is (legitimately) valid for
     */
    private record Hostile(String label, String value, Set<Kind> acceptedBy) {}

    private static final List<Hostile> INPUTS = List.of(
            new Hostile("empty", "", Set.of()),
            new Hostile("blank", " ", Set.of()),
            new Hostile("quote and SQL", "orders'; DROP DATABASE orders; --", Set.of()),
            new Hostile("semicolon", "orders;", Set.of()),
            new Hostile("double quotes", "\"orders\"", Set.of()),
            new Hostile("space", "ord ers", Set.of()),
            new Hostile("upper case", "ORDERS", Set.of()),
            new Hostile("Cyrillic look-alike o", "\u043erders", Set.of()),
            new Hostile("zero-width space", "orders\u200b", Set.of()),
            new Hostile("newline", "orders\nDROP", Set.of()),
            new Hostile("path traversal", "../orders", Set.of()),
            new Hostile("64 characters", "o".repeat(64), Set.of()),
            new Hostile("reserved word", "select", Set.of(Kind.SERVICE, Kind.NAMESPACE)),
            new Hostile("pg_ prefix", "pg_orders", Set.of(Kind.SERVICE)),
            new Hostile("hyphen", "orders-eu", Set.of(Kind.SERVICE, Kind.NAMESPACE)));

    @TempDir
    static Path temp;

    private static Tripwire tripwire;
    private static DbRouterRegistry registry;
    private static Path secrets;
    private static Path adminPassword;

    @BeforeAll
    static void setUp() throws IOException {
        tripwire = new Tripwire();
        registry = DbRouterRegistry.builder()
                .router(PerAppDbRouter.forDb("orders").apps("sales").build())
                .build();
        secrets = Files.createDirectories(temp.resolve("secrets"));
        String password = "Tripwire-Pw-" + Long.toHexString(System.nanoTime());
        SecretScan.password(password);
        Files.writeString(
                secrets.resolve(CredentialsSource.secretName("prod", DbName.of("orders"))),
                DbCredentials.of("127.0.0.1", tripwire.port(), "orders", "orders_login", password)
                        .toSecretJson());
        adminPassword = temp.resolve("admin-password");
        String admin = "Admin-Pw-" + Long.toHexString(System.nanoTime());
        SecretScan.password(admin);
        Files.writeString(adminPassword, admin);
    }

    @AfterAll
    static void tearDown() throws IOException {
        tripwire.close();
    }

    private record Run(int exit, String out, String err) {}

    private static Run routing(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = RoutingCommandLine.run(registry, new PrintWriter(out), new PrintWriter(err), args);
        SecretScan.text("routing " + String.join(" ", args), out + " " + err);
        return new Run(exit, out.toString(), err.toString());
    }

    private static String[] initDb(String db, String namespace, String app) {
        return new String[] {
            "init-db",
            "--admin-url",
            "jdbc:postgresql://127.0.0.1:" + tripwire.port() + "/postgres",
            "--admin-user",
            "postgres",
            "--admin-password-file",
            adminPassword.toString(),
            "--db",
            db,
            "--namespace",
            namespace,
            "--app",
            app
        };
    }

    /** One way a name reaches the library. */
    private record EntryPoint(String name, Kind kind, Consumer<String> call) {}

    private static List<EntryPoint> apiEntryPoints() {
        return List.of(
                new EntryPoint("DbName.of", Kind.DATABASE, DbName::of),
                new EntryPoint(
                        "PerAppDbRouter.forDb",
                        Kind.DATABASE,
                        v -> PerAppDbRouter.forDb(v).apps("sales").build()),
                new EntryPoint("AppName.of", Kind.APP, AppName::of),
                new EntryPoint(
                        "PerAppDbRouter apps",
                        Kind.APP,
                        v -> PerAppDbRouter.forDb("orders").apps(v).build()),
                new EntryPoint(
                        "MigrationConfig app",
                        Kind.APP,
                        v -> MigrationConfig.builder().app(v, s -> {})),
                new EntryPoint("ServiceName.of", Kind.SERVICE, ServiceName::of),
                new EntryPoint(
                        "registry service",
                        Kind.SERVICE,
                        v -> DbRouterRegistry.builder()
                                .router(PerAppDbRouter.forDb("orders")
                                        .apps("sales")
                                        .build())
                                .service(v, "orders")
                                .build()),
                new EntryPoint(
                        "CredentialsSource.mountedSecrets",
                        Kind.NAMESPACE,
                        v -> CredentialsSource.mountedSecrets(secrets, v)),
                new EntryPoint(
                        "CredentialsSource.environment",
                        Kind.NAMESPACE,
                        v -> CredentialsSource.environment(v, java.util.Map.of())));
    }

    private static List<EntryPoint> cliEntryPoints(Path newMigrations) {
        String secretsDir = secrets.toString();
        return List.of(
                new EntryPoint(
                        "routing status --db",
                        Kind.DATABASE,
                        v -> expectUsage(
                                routing("status", "--db", v, "--secrets-dir", secretsDir, "--namespace", "prod"))),
                new EntryPoint(
                        "routing migrate-all --db",
                        Kind.DATABASE,
                        v -> expectUsage(
                                routing("migrate-all", "--db", v, "--secrets-dir", secretsDir, "--namespace", "prod"))),
                new EntryPoint(
                        "routing validate --db",
                        Kind.DATABASE,
                        v -> expectUsage(
                                routing("validate", "--db", v, "--secrets-dir", secretsDir, "--namespace", "prod"))),
                new EntryPoint(
                        "routing init-db --db", Kind.DATABASE, v -> expectUsage(routing(initDb(v, "prod", "sales")))),
                new EntryPoint(
                        "routing init-db --app", Kind.APP, v -> expectUsage(routing(initDb("orders", "prod", v)))),
                new EntryPoint("routing new-migration --app", Kind.APP, v -> {
                    expectUsage(routing(
                            "new-migration", "--app", v, "--description", "x", "--dir", newMigrations.toString()));
                    assertThat(newMigrations).isEmptyDirectory();
                }),
                new EntryPoint(
                        "routing status --namespace",
                        Kind.NAMESPACE,
                        v -> expectUsage(
                                routing("status", "--db", "orders", "--secrets-dir", secretsDir, "--namespace", v))),
                new EntryPoint(
                        "routing init-db --namespace",
                        Kind.NAMESPACE,
                        v -> expectUsage(routing(initDb("orders", v, "sales")))),
                new EntryPoint(
                        "routing dev-setup --namespace",
                        Kind.NAMESPACE,
                        v -> expectUsage(routing(
                                "dev-setup",
                                "--url",
                                "jdbc:postgresql://127.0.0.1:" + tripwire.port() + "/postgres",
                                "--with-roles",
                                secretsDir,
                                "--namespace",
                                v))));
    }

    private static void expectUsage(Run run) {
        assertThat(run.exit()).as("exit code; err: %s", run.err()).isEqualTo(RoutingCommandLine.USAGE);
        assertThat(run.err()).doesNotContain("\tat ").doesNotContain("Exception");
        throw RoutingException.of(ErrorCode.INVALID_NAME, run.err());
    }

    @Test
    void everyHostileNameIsRefusedByEveryEntryPointBeforeAnySql() throws IOException {
        Path newMigrations = Files.createDirectories(temp.resolve("new-migrations"));
        List<EntryPoint> entryPoints = Stream.concat(apiEntryPoints().stream(), cliEntryPoints(newMigrations).stream())
                .toList();
        List<String> problems = new ArrayList<>();
        int refused = 0;
        for (Hostile input : INPUTS) {
            for (EntryPoint entry : entryPoints) {
                if (input.acceptedBy().contains(entry.kind())) {
                    continue;
                }
                String quoted = dev.approuting.core.support.Text.quote(input.value());
                try {
                    entry.call().accept(input.value());
                    problems.add(entry.name() + " accepted " + input.label() + " " + quoted);
                } catch (RoutingException e) {
                    SecretScan.failure(e);
                    if (!String.valueOf(e.getMessage()).contains(quoted)
                            && !input.value().isBlank()) {
                        problems.add(
                                entry.name() + " refused " + input.label() + " without quoting it: " + e.getMessage());
                    } else {
                        refused++;
                    }
                } catch (AssertionError e) {
                    problems.add(entry.name() + " with " + input.label() + " " + quoted + ": " + e.getMessage());
                }
            }
        }
        assertThat(problems).isEmpty();
        assertThat(tripwire.connections())
                .as("connections to the database server")
                .isZero();

        Run control = routing("status", "--db", "orders", "--secrets-dir", secrets.toString(), "--namespace", "prod");
        assertThat(control.exit()).isEqualTo(RoutingCommandLine.FAILED);
        assertThat(tripwire.connections())
                .as("a good name does reach the server")
                .isPositive();
        Guarantees.record(
                "Hostile input",
                "names (quotes, semicolons, spaces, look-alikes, 64+ characters, empty, reserved words) refused"
                        + " before any SQL, the error quoting the value",
                INPUTS.size() + " hostile names x " + entryPoints.size() + " entry points ("
                        + apiEntryPoints().size()
                        + " API, " + (entryPoints.size() - apiEntryPoints().size()) + " command line): " + refused
                        + " refusals, each quoting the value (exit code 2 on the command line); 0 connections to the"
                        + " server (a good name: " + tripwire.connections() + ")");
    }
}
