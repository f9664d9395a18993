package dev.approuting.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import dev.approuting.testkit.postgres.PostgresExtension;
import dev.approuting.testkit.postgres.PostgresProvider;
import dev.approuting.testkit.postgres.PostgresServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.Table;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;
import org.slf4j.LoggerFactory;

/**
 * Routing against real PostgreSQL: two servers, three logical databases, login roles with passwords
 * that SET ROLE to the owner. Both servers trust only {@code postgres}; every other role logs in with its
 * password. Server B is restartable: {@code stop()} and {@code start()} keep its data and port.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RoutedDatabasesIT {
    private static final String BUILDSENSE_PW = "bs-Pw-0f9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c";
    private static final String USERS_PW = "us-Pw-1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d";
    private static final String MAVEN_PW = "mv-Pw-9z8y7x6w5v4u3t2s1r0q9p8o7n6m5l4k";
    private static final String ROTATED_PW = "rot-Pw-5k4j3h2g1f0e9d8c7b6a5z4y3x2w1v0u";
    private static final List<String> PASSWORDS = List.of(BUILDSENSE_PW, USERS_PW, MAVEN_PW, ROTATED_PW);

    private static final AppName WORKFLOW = AppName.of("workflow");
    private static final AppName USERS = AppName.of("users");
    private static final AppName BUILDSENSE = AppName.of("buildsense");
    private static final Table<Record> WORK_UNIT = table(name("work_unit"));

    @TempDir
    static Path temp;

    @RegisterExtension
    static final PostgresExtension serverA =
            PostgresExtension.of(PostgresProvider.embedded().withPasswordAuthentication());

    @RegisterExtension
    static final PostgresExtension serverB =
            PostgresExtension.restartable(PostgresProvider.embedded().withPasswordAuthentication());

    private static Path secrets;
    private static DbRouterRegistry registry;
    private static final ListAppender<ILoggingEvent> logs = new ListAppender<>();

    @BeforeAll
    static void startServers() throws Exception {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        logs.start();
        root.addAppender(logs);
        for (String name : List.of("com.zaxxer.hikari", "dev.approuting", "org.postgresql")) {
            ((Logger) LoggerFactory.getLogger(name)).setLevel(Level.DEBUG);
        }

        secrets = Files.createDirectories(temp.resolve("secrets"));
        writeSecret(createDatabase(serverA, "buildsense", BUILDSENSE_PW, "workflow", "buildsense"), "buildsense");
        writeSecret(createDatabase(serverA, "users", USERS_PW, "users"), "users");
        writeSecret(createDatabase(serverB, "maven", MAVEN_PW, "workflow"), "maven");
        for (var db : List.of(List.of(serverA, "buildsense"), List.of(serverB, "maven"))) {
            sql(
                    (PostgresServer) db.get(0),
                    (String) db.get(1),
                    "SET ROLE " + db.get(1)
                            + "_owner; CREATE TABLE workflow.work_unit (id bigserial PRIMARY KEY, payload text NOT NULL)");
        }
        sql(serverA, "buildsense", "SET ROLE buildsense_owner; CREATE TABLE buildsense.run (id bigserial PRIMARY KEY)");
        sql(
                serverA,
                "users",
                "SET ROLE users_owner; CREATE TABLE users.user_account (id bigserial PRIMARY KEY, email text)");

        registry = DbRouterRegistry.builder()
                .adminService("toolshed")
                .router(PerAppDbRouter.forDb("users").apps("users").build())
                .router(PerAppDbRouter.forDb("buildsense")
                        .apps("workflow", "buildsense")
                        .build())
                .router(PerAppDbRouter.forDb("maven").apps("workflow").build())
                .service("buildsense/api", "buildsense", "users")
                .service("crawler/maven", "maven", "users")
                .build();
    }

    private static void writeSecret(DbCredentials credentials, String db) throws Exception {
        Path file = secrets.resolve("test-db-" + db + "-creds");
        Files.writeString(file, credentials.toSecretJson());
    }

    /**
     * Creates a logical database as provisioning would: an owner role owning it and one schema per app,
     * and a login role that must SET ROLE to the owner.
     */
    private static DbCredentials createDatabase(PostgresServer server, String db, String password, String... apps) {
        server.execute(
                server.adminDatabase(),
                "CREATE ROLE " + db + "_owner NOLOGIN",
                "CREATE ROLE " + db + "_login LOGIN PASSWORD '" + password + "' IN ROLE " + db + "_owner",
                "CREATE DATABASE " + db + " OWNER " + db + "_owner");
        for (String app : apps) {
            server.execute(db, "CREATE SCHEMA " + app + " AUTHORIZATION " + db + "_owner");
        }
        return new DbCredentials(server.host(), server.port(), db, db + "_login", password, db + "_owner");
    }

    /** Runs SQL as the superuser in {@code db}. */
    private static void sql(PostgresServer server, String db, String sql) {
        server.execute(db, sql);
    }

    /** Returns the single long value {@code sql} selects, as the superuser in {@code db}. */
    private static long count(PostgresServer server, String db, String sql) {
        return Long.parseLong(server.column(db, sql).get(0));
    }

    /**
     * Opens the databases of {@code service} with the default timeouts: on a loaded machine a first
     * connection (a server process forked, a SCRAM login) may take over a second, and a test that is not
     * about the timeout must not fail on it.
     */
    private static RoutedDatabases open(String service) {
        return RoutedDatabases.configure(registry.forService(service))
                .credentials(CredentialsSource.mountedSecrets(secrets, "test"))
                .poolSettings(PoolSettings.defaults().withMaximumPoolSize(4))
                .credentialsCheckInterval(Duration.ZERO)
                .open();
    }

    @Test
    @Order(1)
    void workflowRowsLandInTheDatabaseOfEachService() throws Exception {
        try (RoutedDatabases buildsense = open("buildsense/api");
                RoutedDatabases maven = open("crawler/maven")) {
            buildsense.transaction(
                    WORKFLOW,
                    dsl -> dsl.insertInto(WORK_UNIT)
                            .set(field("payload"), "from buildsense")
                            .execute());
            maven.transaction(
                    WORKFLOW,
                    dsl -> dsl.insertInto(WORK_UNIT)
                            .set(field("payload"), "from maven")
                            .execute());
            maven.dsl(WORKFLOW)
                    .insertInto(WORK_UNIT)
                    .set(field("payload"), "again")
                    .execute();
        }
        assertThat(count(serverA, "buildsense", "SELECT count(*) FROM workflow.work_unit"))
                .isEqualTo(1);
        assertThat(count(
                        serverA,
                        "buildsense",
                        "SELECT count(*) FROM workflow.work_unit WHERE payload = 'from buildsense'"))
                .isEqualTo(1);
        assertThat(count(serverB, "maven", "SELECT count(*) FROM workflow.work_unit"))
                .isEqualTo(2);
    }

    @Test
    @Order(2)
    void connectionsSetTheOwnerRoleSoTablesBelongToIt() {
        try (RoutedDatabases dbs = open("buildsense/api")) {
            DSLContext dsl = dbs.dsl(BUILDSENSE);
            assertThat(dsl.fetchValue("SELECT current_user")).isEqualTo("buildsense_owner");
            assertThat(dsl.fetchValue("SELECT session_user")).isEqualTo("buildsense_login");
            assertThat(dsl.fetchValue("SELECT current_schema()")).isEqualTo("buildsense");
            dsl.execute("CREATE TABLE made_here (id int)");
            assertThat(dsl.fetchValue("SELECT tableowner FROM pg_tables WHERE tablename = 'made_here'"))
                    .isEqualTo("buildsense_owner");
            assertThat(dsl.fetchValue("SELECT schemaname FROM pg_tables WHERE tablename = 'made_here'"))
                    .isEqualTo("buildsense");
            // The same physical connection, asked for by another app, gets that app's search path.
            assertThat(dbs.dsl(WORKFLOW).fetchValue("SELECT current_schema()")).isEqualTo("workflow");
            assertThat(dbs.dsl(BUILDSENSE).fetchValue("SELECT current_schema()"))
                    .isEqualTo("buildsense");
        }
    }

    @Test
    @Order(3)
    void guardStopsQueriesOfTablesRoutedToAnotherDatabase() throws Exception {
        long before = count(serverA, "users", "SELECT count(*) FROM users.user_account");
        try (RoutedDatabases dbs = open("buildsense/api")) {
            DSLContext workflow = dbs.dsl(WORKFLOW);
            assertThatThrownBy(() -> workflow.selectFrom(table(name("users", "user_account")))
                            .fetch())
                    .isInstanceOf(RoutingException.class)
                    .hasMessage("app 'workflow' (database 'buildsense') queried table users.user_account of app"
                            + " 'users', which service 'buildsense/api' routes to database 'users': use"
                            + " dsl(\"users\") for it, or go through app 'users''s own code")
                    .satisfies(
                            e -> assertThat(((RoutingException) e).code()).isEqualTo(ErrorCode.CROSS_DATABASE_ACCESS));
            assertThatThrownBy(() -> workflow.insertInto(table(name("users", "user_account")))
                            .set(field("email"), "x@example.com")
                            .execute())
                    .isInstanceOf(RoutingException.class);
            // Apps sharing a database may read each other's tables.
            assertThat(workflow.fetchCount(table(name("buildsense", "run")))).isZero();
            // The right context reaches the table.
            assertThat(dbs.dsl(USERS).fetchCount(table(name("users", "user_account"))))
                    .isEqualTo((int) before);
        }
        assertThat(count(serverA, "users", "SELECT count(*) FROM users.user_account"))
                .isEqualTo(before);
    }

    @Test
    @Order(4)
    void guardStopsTablesOfAppsTheServiceDoesNotRoute() {
        try (RoutedDatabases dbs = open("crawler/maven")) {
            assertThatThrownBy(() -> dbs.dsl(WORKFLOW)
                            .selectFrom(table(name("buildsense", "run")))
                            .fetch())
                    .isInstanceOf(RoutingException.class)
                    .hasMessageContaining("queried table buildsense.run of app 'buildsense', which is not routed in"
                            + " service 'crawler/maven' (databases 'maven', 'users')");
        }
    }

    @Test
    @Order(5)
    void undeclaredDatabasesAndUnroutedAppsAreRejected() {
        try (RoutedDatabases dbs = open("crawler/maven")) {
            assertThatThrownBy(() -> dbs.dataSource(DbName.of("buildsense")))
                    .hasMessage("service 'crawler/maven' does not declare database 'buildsense'; its databases are"
                            + " 'maven', 'users'. Declare it for the service in the registry");
            assertThatThrownBy(() -> dbs.dsl(BUILDSENSE))
                    .hasMessageStartingWith("app 'buildsense' is not routed in service 'crawler/maven'");
        }
    }

    @Test
    @Order(6)
    void poolExhaustionNamesTheDatabaseAndThePoolState() throws Exception {
        RoutedDatabases dbs = RoutedDatabases.configure(registry.forService("buildsense/api"))
                .credentials(CredentialsSource.mountedSecrets(secrets, "test"))
                .poolSettings(PoolSettings.defaults()
                        .withMaximumPoolSize(1)
                        .withConnectionTimeout(Duration.ofMillis(500))
                        .withValidationTimeout(Duration.ofMillis(250)))
                .credentialsCheckInterval(Duration.ZERO)
                .open();
        try (dbs;
                Connection held = dbs.dataSourceFor(WORKFLOW).getConnection()) {
            assertThat(held.isValid(1)).isTrue();
            assertThatThrownBy(() -> dbs.dsl(WORKFLOW).fetchCount(WORK_UNIT))
                    .isInstanceOf(RoutingException.class)
                    .hasMessageContaining("database 'buildsense' (app 'workflow', service 'buildsense/api', server"
                            + " localhost:" + serverA.port() + ") gave no connection")
                    .hasMessageContaining("pool db-buildsense total=1, active=1, idle=0, waiting=")
                    .satisfies(
                            e -> assertThat(((RoutingException) e).code()).isEqualTo(ErrorCode.DATABASE_UNAVAILABLE));
        }
    }

    @Test
    @Order(7)
    void aStoppedServerFailsOnlyItsDatabaseAndRecoversByItself() throws Exception {
        ExecutorService load = Executors.newFixedThreadPool(2);
        try (RoutedDatabases maven = open("crawler/maven");
                RoutedDatabases buildsense = open("buildsense/api")) {
            assertThat(maven.dsl(WORKFLOW).fetchCount(WORK_UNIT)).isGreaterThanOrEqualTo(0);

            serverB.stop();
            AtomicInteger othersOk = new AtomicInteger();
            AtomicInteger othersFailed = new AtomicInteger();
            CountDownLatch done = new CountDownLatch(1);
            Future<?> steady = load.submit(() -> {
                while (done.getCount() > 0) {
                    try {
                        buildsense.dsl(WORKFLOW).fetchCount(WORK_UNIT);
                        maven.dsl(USERS).fetchCount(table(name("users", "user_account")));
                        othersOk.incrementAndGet();
                    } catch (RuntimeException e) {
                        othersFailed.incrementAndGet();
                    }
                }
            });
            assertThatThrownBy(() -> maven.dsl(WORKFLOW).fetchCount(WORK_UNIT))
                    .isInstanceOf(RoutingException.class)
                    .hasMessageContaining("database 'maven' (app 'workflow', service 'crawler/maven'");
            DatabaseHealth down = maven.health(DbName.of("maven"));
            assertThat(down.reachable()).isFalse();
            assertThat(down.error()).isNotBlank();
            assertThat(maven.health(DbName.of("users")).reachable()).isTrue();

            serverB.start();
            long restarted = System.nanoTime();
            int recovered = -1;
            // Each failing call waits up to the connection timeout (5 s): allow a dozen of them.
            while (recovered < 0 && System.nanoTime() - restarted < TimeUnit.SECONDS.toNanos(60)) {
                try {
                    recovered = maven.dsl(WORKFLOW).fetchCount(WORK_UNIT);
                } catch (RoutingException e) {
                    Thread.sleep(100);
                }
            }
            done.countDown();
            steady.get(10, TimeUnit.SECONDS);
            assertThat(recovered).isEqualTo(2);
            assertThat(maven.health(DbName.of("maven")).reachable()).isTrue();
            assertThat(othersOk.get()).isPositive();
            assertThat(othersFailed.get()).isZero();
        } finally {
            load.shutdownNow();
        }
    }

    @Test
    @Order(8)
    void aRotatedPasswordReachesALivePoolWithoutFailedQueries() throws Exception {
        ExecutorService load = Executors.newSingleThreadExecutor();
        try (RoutedDatabases dbs = open("buildsense/api")) {
            DSLContext dsl = dbs.dsl(WORKFLOW);
            assertThat(dsl.fetchValue("SELECT session_user")).isEqualTo("buildsense_login");
            AtomicInteger ok = new AtomicInteger();
            List<Throwable> failures = new ArrayList<>();
            CountDownLatch done = new CountDownLatch(1);
            Future<?> steady = load.submit(() -> {
                while (done.getCount() > 0) {
                    try {
                        dsl.fetchCount(WORK_UNIT);
                        ok.incrementAndGet();
                    } catch (RuntimeException e) {
                        synchronized (failures) {
                            failures.add(e);
                        }
                    }
                }
            });
            await(() -> ok.get() >= 10, "10 queries before the rotation", ok, failures);
            // Rotation: a new numbered login role, the secret rewritten, then the old role retired.
            sql(
                    serverA,
                    "postgres",
                    "CREATE ROLE buildsense_login_0002 LOGIN PASSWORD '" + ROTATED_PW + "' IN ROLE buildsense_owner");
            sql(serverA, "postgres", "GRANT CONNECT ON DATABASE buildsense TO buildsense_login_0002");
            writeSecret(
                    CredentialsSource.mountedSecrets(secrets, "test")
                            .require(DbName.of("buildsense"))
                            .withLogin("buildsense_login_0002", ROTATED_PW),
                    "buildsense");
            assertThat(dbs.reloadCredentials()).containsExactly(DbName.of("buildsense"));
            int atReload = ok.get();
            await(() -> ok.get() >= atReload + 10, "10 queries after the reload", ok, failures);
            sql(serverA, "postgres", "ALTER ROLE buildsense_login NOLOGIN");
            int atNoLogin = ok.get();
            await(() -> ok.get() >= atNoLogin + 10, "10 queries after the old role lost LOGIN", ok, failures);
            done.countDown();
            steady.get(10, TimeUnit.SECONDS);
            assertThat(failures).isEmpty();
            assertThat(ok.get()).isGreaterThan(10);
            assertThat(dsl.fetchValue("SELECT session_user")).isEqualTo("buildsense_login_0002");
            assertThat(dbs.health(DbName.of("buildsense")).reachable()).isTrue();
        } finally {
            load.shutdownNow();
        }
    }

    @Test
    @Order(9)
    void aLoginInFlightWithTheOldSecretIsReplacedOnceItCouldHaveFinished() throws Exception {
        DbName users = DbName.of("users");
        DbCredentials original =
                CredentialsSource.mountedSecrets(secrets, "test").require(users);
        GatedDataSource gated = new GatedDataSource(serverA.port());
        ExecutorService borrower = Executors.newSingleThreadExecutor();
        try (RoutedDatabases dbs = RoutedDatabases.configure(registry.forService("buildsense/api"))
                .credentials(CredentialsSource.mountedSecrets(secrets, "test"))
                .connectionSource(users, gated)
                .poolSettings(PoolSettings.defaults()
                        .withMaximumPoolSize(2)
                        .withMinimumIdle(0)
                        .withConnectionTimeout(Duration.ofSeconds(2)))
                .credentialsCheckInterval(Duration.ZERO)
                .open()) {
            DataSource ds = dbs.dataSource(users);
            Future<String> second;
            try (Connection first = ds.getConnection()) {
                assertThat(first.isValid(1)).isTrue();
                gated.holdNextLogin();
                second = borrower.submit(() -> {
                    try (Connection c = ds.getConnection();
                            Statement st = c.createStatement();
                            ResultSet rs = st.executeQuery("SELECT session_user")) {
                        rs.next();
                        return rs.getString(1);
                    }
                });
                assertThat(gated.awaitHeldLogin()).isEqualTo("users_login");
                sql(
                        serverA,
                        "postgres",
                        "CREATE ROLE users_login_0002 LOGIN PASSWORD '" + ROTATED_PW + "' IN ROLE users_owner");
                writeSecret(original.withLogin("users_login_0002", ROTATED_PW), "users");
                assertThat(dbs.reloadCredentials()).containsExactly(users);
                gated.release();
                // The login that began before the change ends after the eviction: it joins the pool.
                assertThat(second.get(10, TimeUnit.SECONDS)).isEqualTo("users_login");
            }
            assertThat(count(serverA, "postgres", OLD_LOGIN_SESSIONS)).isEqualTo(1);
            // Evicted again once a login begun before the change could have ended (2 x the 2 s connection
            // timeout); the deadline leaves a loaded machine ample room beyond that.
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (count(serverA, "postgres", OLD_LOGIN_SESSIONS) > 0) {
                assertThat(System.nanoTime())
                        .as("old login still pooled after 60 s")
                        .isLessThan(deadline);
                assertThat(dbs.reloadCredentials()).isEmpty();
                Thread.sleep(100);
            }
            try (Connection c = ds.getConnection();
                    Statement st = c.createStatement();
                    ResultSet rs = st.executeQuery("SELECT session_user")) {
                rs.next();
                assertThat(rs.getString(1)).isEqualTo("users_login_0002");
            }
        } finally {
            borrower.shutdownNow();
            gated.release();
            writeSecret(original, "users");
        }
    }

    private static final String OLD_LOGIN_SESSIONS =
            "SELECT count(*) FROM pg_stat_activity WHERE usename = 'users_login' AND datname = 'users'";

    /** The driver's data source; the login after {@link #holdNextLogin()} waits for {@link #release()}. */
    private static final class GatedDataSource extends PGSimpleDataSource {
        private static final long serialVersionUID = 1L;
        private final transient CountDownLatch gate = new CountDownLatch(1);
        private final transient BlockingQueue<String> held = new LinkedBlockingQueue<>();
        private volatile boolean hold;

        GatedDataSource(int port) {
            setServerNames(new String[] {"localhost"});
            setPortNumbers(new int[] {port});
            setDatabaseName("users");
        }

        void holdNextLogin() {
            hold = true;
        }

        String awaitHeldLogin() throws InterruptedException {
            String user = held.poll(10, TimeUnit.SECONDS);
            assertThat(user).as("a login reached the data source").isNotNull();
            return user;
        }

        void release() {
            gate.countDown();
        }

        @Override
        public Connection getConnection(@Nullable String user, @Nullable String password) throws SQLException {
            if (hold) {
                hold = false;
                held.add(String.valueOf(user));
                try {
                    gate.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new SQLException("interrupted while held", e);
                }
            }
            return super.getConnection(user, password);
        }
    }

    @Test
    @Order(99)
    void noPasswordAppearsInAnyLogLine() {
        assertThat(logs.list).isNotEmpty();
        for (ILoggingEvent event : logs.list) {
            String text = event.getFormattedMessage()
                    + (event.getThrowableProxy() == null ? "" : ThrowableProxyUtil.asString(event.getThrowableProxy()));
            for (String password : PASSWORDS) {
                assertThat(text).as("log line of %s", event.getLoggerName()).doesNotContain(password);
            }
        }
    }

    /** Waits for {@code condition} up to a minute; failing, it says how many queries passed and what failed. */
    private static void await(BooleanSupplier condition, String what, AtomicInteger ok, List<Throwable> failures)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                synchronized (failures) {
                    throw new AssertionError("waited 60 s for " + what + "; saw " + ok.get()
                            + " queries succeed, failures: " + failures);
                }
            }
            Thread.sleep(10);
        }
    }
}
