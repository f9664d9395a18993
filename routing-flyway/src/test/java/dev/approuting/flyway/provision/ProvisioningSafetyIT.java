package dev.approuting.flyway.provision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.approuting.core.AppName;
import dev.approuting.core.CredentialsSource;
import dev.approuting.core.DbCredentials;
import dev.approuting.core.DbName;
import dev.approuting.core.ErrorCode;
import dev.approuting.core.RoutingException;
import dev.approuting.fixtures.TestServers;
import dev.approuting.flyway.provision.InitDbResult.Outcome;
import dev.approuting.flyway.spi.SecretStore;
import dev.approuting.testkit.postgres.PostgresExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Provisioning never loses a password: concurrent runs take turns, a secret is durable before its role is
 * committed, secrets another user could have planted are refused, and a failed run says what it did.
 */
class ProvisioningSafetyIT {
    /** Rotate+retire pairs run at once in {@link #concurrentRotateAndRetirePairsLeaveEverySecretLoggingIn}. */
    static final int PAIRS = 100;
    /** Other JVMs rotating and retiring at the same time, and how many runs each makes. */
    static final int PROCESSES = 3;

    static final int RUNS_PER_PROCESS = 3;

    @RegisterExtension
    static final PostgresExtension pg = PostgresExtension.of(TestServers.passwordAuthentication());

    private static DatabaseProvisioner.Builder provisioner(Path secrets) {
        return DatabaseProvisioner.configure(pg.jdbcUrl("postgres"), "postgres", "unused")
                .apps(AppName.listOf("sales"))
                .secretsDir(secrets);
    }

    @Test
    void concurrentRotateAndRetirePairsLeaveEverySecretLoggingIn(@TempDir Path secrets, @TempDir Path logs)
            throws Exception {
        DbName db = DbName.of("pairs");
        List<String> namespaces = List.of("prod", "staging");
        provisioner(secrets).reader(true).load().initDb(db, namespaces);
        ExecutorService threads = Executors.newFixedThreadPool(8);
        List<Future<InitDbResult>> runs = new ArrayList<>();
        long start = System.nanoTime();
        List<Process> processes = new ArrayList<>();
        try {
            for (int p = 0; p < PROCESSES; p++) {
                List<String> command = new ArrayList<>(List.of(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        RotateInAnotherProcess.class.getName(),
                        pg.jdbcUrl("postgres"),
                        secrets.toString(),
                        db.value(),
                        String.valueOf(RUNS_PER_PROCESS)));
                command.addAll(namespaces);
                processes.add(new ProcessBuilder(command)
                        .redirectErrorStream(true)
                        .redirectOutput(
                                logs.resolve("rotate-process-" + p + ".log").toFile())
                        .start());
            }
            for (int i = 0; i < PAIRS; i++) {
                runs.add(threads.submit(() -> provisioner(secrets)
                        .reader(true)
                        .rotate(true)
                        .retireOld(true)
                        .load()
                        .initDb(db, namespaces)));
                runs.add(threads.submit(() ->
                        provisioner(secrets).reader(true).retireOld(true).load().initDb(db, namespaces)));
            }
            List<String> failures = new ArrayList<>();
            for (Future<InitDbResult> run : runs) {
                try {
                    // Each run waits for the others' turns: bounded by the provisioning lock's own wait.
                    run.get(11, TimeUnit.MINUTES);
                } catch (java.util.concurrent.ExecutionException e) {
                    failures.add(String.valueOf(e.getCause()));
                }
            }
            for (int p = 0; p < PROCESSES; p++) {
                Process process = processes.get(p);
                // Its runs take turns with every other run: bounded by the provisioning lock's wait per run.
                boolean ended = process.waitFor(11L * RUNS_PER_PROCESS, TimeUnit.MINUTES);
                Path log = logs.resolve("rotate-process-" + p + ".log");
                assertThat(ended && process.exitValue() == 0)
                        .as("process " + p + " (ended: " + ended + "), its output: " + Files.readString(log))
                        .isTrue();
            }
            assertThat(failures).as("runs that failed of " + runs.size()).isEmpty();
        } finally {
            threads.shutdownNow();
            processes.forEach(Process::destroyForcibly);
        }
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        System.out.printf(
                Locale.ROOT,
                "provisioning: %d concurrent rotate+retire pairs (%d runs in 8 threads + %d runs in %d other JVMs,"
                        + " 2 namespaces, writer and reader) in %d ms%n",
                PAIRS,
                runs.size(),
                PROCESSES * RUNS_PER_PROCESS,
                PROCESSES,
                millis);

        for (String namespace : namespaces) {
            CredentialsSource source = CredentialsSource.mountedSecrets(secrets, namespace);
            DbCredentials writer = source.require(db);
            DbCredentials reader = source.findReader(db).orElseThrow();
            assertLogsIn(writer);
            assertLogsIn(reader);
            String ns = namespace;
            assertThat(pg.column(
                            "postgres",
                            "SELECT rolname FROM pg_roles WHERE rolname LIKE 'pairs\\_" + ns + "\\_%' ORDER BY 1"))
                    .as("the login roles left of namespace " + ns + ": only the ones its secrets name")
                    .containsExactly(writer.user(), reader.user());
            assertThat(writer.user())
                    .as("one new role per rotation")
                    .isEqualTo(
                            String.format(Locale.ROOT, "pairs_%s_%04d", ns, 1 + PAIRS + PROCESSES * RUNS_PER_PROCESS));
        }
    }

    @Test
    void aSecretThatCannotBeWrittenRollsTheNewRoleBackAndRunningAgainWorks(@TempDir Path secrets) throws Exception {
        DbName db = DbName.of("rollback");
        FlakyStore store = new FlakyStore();
        provisioner(secrets).secretStore(store).load().initDb(db, "prod");
        DbCredentials before = CredentialsSource.mountedSecrets(secrets, "prod").require(db);

        store.failing.set(true);
        assertThatThrownBy(() -> provisioner(secrets)
                        .secretStore(store)
                        .rotate(true)
                        .load()
                        .initDb(db, "prod"))
                .isInstanceOf(RoutingException.class)
                .hasMessageContaining("the store is full")
                .hasMessageContaining("Nothing was changed before the failure");

        assertThat(pg.column("postgres", "SELECT rolname FROM pg_roles WHERE rolname LIKE 'rollback\\_prod\\_%'"))
                .as("the new role is rolled back with its secret")
                .containsExactly("rollback_prod_0001");
        assertThat(CredentialsSource.mountedSecrets(secrets, "prod").require(db))
                .as("the secret file written before the failure is put back")
                .isEqualTo(before);
        assertLogsIn(before);

        store.failing.set(false);
        InitDbResult again =
                provisioner(secrets).secretStore(store).rotate(true).load().initDb(db, "prod");
        assertThat(again.logins().get(0).role()).isEqualTo("rollback_prod_0002");
        assertLogsIn(CredentialsSource.mountedSecrets(secrets, "prod").require(db));
    }

    @Test
    void anUnwritableSecretsDirectoryChangesNothingAndRunningAgainWorks(@TempDir Path tmp) throws Exception {
        DbName db = DbName.of("unwritable");
        Path blocker = Files.writeString(tmp.resolve("not-a-directory"), "x");
        Path secrets = blocker.resolve("secrets");

        assertThatThrownBy(() -> provisioner(secrets).load().initDb(db, "prod"))
                .isInstanceOf(RoutingException.class)
                .hasMessageContaining("changed nothing")
                .hasMessageContaining("secrets directory " + secrets + " is not writable");
        assertThat(pg.column("postgres", "SELECT datname FROM pg_database WHERE datname = 'unwritable'"))
                .isEmpty();
        assertThat(pg.column("postgres", "SELECT rolname FROM pg_roles WHERE rolname LIKE 'unwritable%'"))
                .isEmpty();

        Path good = tmp.resolve("secrets");
        InitDbResult result = provisioner(good).load().initDb(db, "prod");
        assertThat(result.logins().get(0).role()).isEqualTo("unwritable_prod_0001");
        assertLogsIn(CredentialsSource.mountedSecrets(good, "prod").require(db));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(
                        good.resolve("prod-db-unwritable-creds").resolve("creds.json"))))
                .isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(good)))
                .isEqualTo("rwx------");
    }

    @Test
    void aReadOnlySecretsDirectoryChangesNothing(@TempDir Path tmp) throws Exception {
        Path secrets = Files.createDirectory(tmp.resolve("secrets"));
        Files.setPosixFilePermissions(secrets, PosixFilePermissions.fromString("r-x------"));
        boolean rootWritesAnyway = Files.isWritable(secrets);
        org.junit.jupiter.api.Assumptions.assumeFalse(
                rootWritesAnyway, "running as root, which writes into a read-only directory anyway");
        assertThatThrownBy(() -> provisioner(secrets).load().initDb(DbName.of("readonly"), "prod"))
                .hasMessageContaining("changed nothing")
                .hasMessageContaining("is not writable");
    }

    @Test
    void aPlantedSecretInAWorldWritableDirectoryIsNeverTakenAsAPassword(@TempDir Path tmp) throws Exception {
        DbName db = DbName.of("planted");
        Path shared = Files.createDirectory(tmp.resolve("shared"));
        Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxrwxrwx"));
        Path secretDir = Files.createDirectory(shared.resolve("prod-db-planted-creds"));
        Files.writeString(
                secretDir.resolve("creds.json"),
                DbCredentials.of("localhost", pg.port(), "planted", "planted_prod_0001", "attacker-knows-this")
                        .toSecretJson());

        assertThatThrownBy(() -> provisioner(shared).load().initDb(db, "prod"))
                .isInstanceOf(RoutingException.class)
                .hasMessageContaining("changed nothing")
                .hasMessageContaining("is writable by others");
        assertThat(pg.column("postgres", "SELECT rolname FROM pg_roles WHERE rolname LIKE 'planted%'"))
                .isEmpty();

        // A directory of the invoking user, but the secret file belongs to someone else.
        Path mine = Files.createDirectory(tmp.resolve("mine"));
        Path mySecretDir = Files.createDirectory(mine.resolve("prod-db-planted-creds"));
        Path planted = Files.copy(secretDir.resolve("creds.json"), mySecretDir.resolve("creds.json"));
        Optional<UserPrincipal> nobody = otherUser(planted);
        org.junit.jupiter.api.Assumptions.assumeTrue(nobody.isPresent(), "no other user to own the planted file");
        Files.setOwner(planted, nobody.get());
        assertThatThrownBy(
                        () -> provisioner(mine).restoreFromSecret(true).load().initDb(db, "prod"))
                .hasMessageContaining("changed nothing")
                .hasMessageContaining("is owned by " + nobody.get().getName());
        assertThat(pg.column("postgres", "SELECT rolname FROM pg_roles WHERE rolname LIKE 'planted%'"))
                .isEmpty();
    }

    @Test
    void restoringARoleFromItsSecretIsExplicit(@TempDir Path secrets) throws Exception {
        DbName db = DbName.of("restore");
        provisioner(secrets).load().initDb(db, "prod");
        DbCredentials kept = CredentialsSource.mountedSecrets(secrets, "prod").require(db);
        pg.server().execute("restore", "DROP OWNED BY restore_prod_0001");
        pg.server().execute("postgres", "DROP ROLE restore_prod_0001");

        assertThatThrownBy(() -> provisioner(secrets).load().initDb(db, "prod"))
                .isInstanceOf(RoutingException.class)
                .hasMessageContaining("changed nothing")
                .hasMessageContaining("which does not exist on the server: restoreFromSecret(true)");

        InitDbResult restored =
                provisioner(secrets).restoreFromSecret(true).load().initDb(db, "prod");
        assertThat(restored.created()).contains("login role restore_prod_0001 (namespace prod)");
        assertLogsIn(kept);
    }

    @Test
    void aFailedRunReportsWhatItAlreadyDid(@TempDir Path secrets) {
        DbName db = DbName.of("partial");
        FlakyStore store = new FlakyStore();
        store.failing.set(true);
        assertThatThrownBy(() -> provisioner(secrets).secretStore(store).load().initDb(db, "prod"))
                .isInstanceOf(RoutingException.class)
                .satisfies(e -> assertThat(((RoutingException) e).code()).isEqualTo(ErrorCode.PROVISIONING_FAILED))
                .hasMessageContaining("the store is full")
                .hasMessageContaining("Already done before the failure")
                .hasMessageContaining("created role partial_owner")
                .hasMessageContaining("created database partial")
                .hasMessageContaining("created schema sales")
                .hasMessageNotContaining("login role partial_prod_0001");
        assertThat(pg.column("postgres", "SELECT rolname FROM pg_roles WHERE rolname LIKE 'partial\\_prod%'"))
                .isEmpty();

        store.failing.set(false);
        InitDbResult again = provisioner(secrets).secretStore(store).load().initDb(db, "prod");
        assertThat(again.created())
                .containsExactly(
                        "login role partial_prod_0001 (namespace prod)",
                        "secret file "
                                + secrets.resolve("prod-db-partial-creds").resolve("creds.json"),
                        "secret prod/prod-db-partial-creds in the test store");
    }

    private static Optional<UserPrincipal> otherUser(Path path) {
        try {
            UserPrincipal nobody =
                    path.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody");
            return nobody.equals(Files.getOwner(path)) ? Optional.empty() : Optional.of(nobody);
        } catch (java.io.IOException e) {
            return Optional.empty();
        }
    }

    static void assertLogsIn(DbCredentials credentials) throws SQLException {
        try (Connection c = TestServers.connect(
                        pg.server(), credentials.dbname(), credentials.user(), credentials.password());
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT session_user")) {
            rs.next();
            assertThat(rs.getString(1)).isEqualTo(credentials.user());
        }
    }

    /** A secret store that refuses writes while {@link #failing}, as a full disk or a refused API call would. */
    private static final class FlakyStore implements SecretStore {
        final AtomicBoolean failing = new AtomicBoolean();
        private final java.util.Map<String, DbCredentials> secrets = new java.util.concurrent.ConcurrentHashMap<>();

        @Override
        public Optional<DbCredentials> read(DbName db, String namespace) {
            return Optional.ofNullable(secrets.get(namespace + "/" + db));
        }

        @Override
        public Outcome apply(DbName db, String namespace, DbCredentials credentials) {
            if (failing.get()) {
                throw RoutingException.forDatabase(ErrorCode.PROVISIONING_FAILED, db, "the store is full");
            }
            DbCredentials old = secrets.put(namespace + "/" + db, credentials);
            return old == null ? Outcome.CREATED : old.equals(credentials) ? Outcome.PRESENT : Outcome.CHANGED;
        }

        @Override
        public String describe() {
            return "the test store";
        }
    }
}
