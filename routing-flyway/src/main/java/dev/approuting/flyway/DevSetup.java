package dev.approuting.flyway;

import dev.approuting.core.AdminView;
import dev.approuting.core.CredentialsSource;
import dev.approuting.core.DbCredentials;
import dev.approuting.core.DbName;
import dev.approuting.core.DbRouterRegistry;
import dev.approuting.core.Environment;
import dev.approuting.core.ErrorCode;
import dev.approuting.core.RoutingException;
import dev.approuting.core.support.ConnectOptions;
import dev.approuting.core.support.Connections;
import dev.approuting.core.support.Sql;
import dev.approuting.flyway.internal.provision.ProvisioningLock;
import dev.approuting.flyway.provision.DatabaseProvisioner;
import dev.approuting.flyway.provision.InitDbResult;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sets up a development server: creates every logical database of the development admin view that is
 * missing (dev-only ones included), then migrates all of them. Idempotent and never destructive: it
 * creates, never drops or alters, and a second run changes nothing.
 *
 * <p>By default it migrates as the superuser. With {@link Builder#withRoles(Path, String)} it provisions each
 * database as {@code init-db} does in production (owner role, login role, secret in a mounted-secrets
 * directory) and migrates through those secrets, so development runs with production's privileges.
 *
 * <pre>{@code
 * DevSetupReport report = DevSetup.configure(registry)
 *         .superuser("jdbc:postgresql://localhost:5432/postgres", "postgres", "postgres")
 *         .load()
 *         .run()
 *         .orThrow();
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class DevSetup {
    private static final Logger log = LoggerFactory.getLogger(DevSetup.class);

    private final DbRouterRegistry registry;
    private final DbCredentials superuser;
    private final MigrationConfig config;
    private final int parallelism;
    private final MigrationListener listener;
    private final @Nullable Path secretsDir;
    private final String namespace;

    private DevSetup(Builder builder, DbCredentials superuser) {
        this.registry = builder.registry;
        this.superuser = superuser;
        this.config = builder.config;
        this.parallelism = builder.parallelism;
        this.listener = builder.listener;
        this.secretsDir = builder.secretsDir;
        this.namespace = builder.namespace;
    }

    /** Starts configuring the setup of the databases of {@code registry}. */
    public static Builder configure(DbRouterRegistry registry) {
        return new Builder(registry);
    }

    /**
     * Creates the missing databases, then migrates every database.
     *
     * @throws RoutingException with {@link ErrorCode#PROVISIONING_FAILED} when the server cannot be
     *     reached or refuses to create a database
     */
    public DevSetupReport run() {
        DbCredentials admin = superuser;
        AdminView view = registry.adminView(Environment.DEVELOPMENT);
        List<DbName> dbs = view.dbNames();
        List<DbName> created = new ArrayList<>();
        List<DbName> existing = new ArrayList<>();
        Path secrets = secretsDir;
        if (secrets != null) {
            List<InitDbResult> provisioned = new ArrayList<>();
            for (AdminView.Database db : view.databases()) {
                InitDbResult result = DatabaseProvisioner.configure(admin)
                        .apps(db.apps())
                        .secretsDir(secrets)
                        .load()
                        .initDb(db.db(), namespace);
                provisioned.add(result);
                (result.created().contains("database " + db.db()) ? created : existing).add(db.db());
            }
            MigrateAllReport migration = migrate(CredentialsSource.mountedSecrets(secrets, namespace));
            return new DevSetupReport(created, existing, migration, provisioned);
        }
        try (Connection connection = Connections.open(admin, ConnectOptions.of("approuting-dev-setup"));
                Statement statement = connection.createStatement()) {
            Set<String> present = new HashSet<>();
            try (ResultSet rows = statement.executeQuery("SELECT datname FROM pg_catalog.pg_database")) {
                while (rows.next()) {
                    present.add(rows.getString(1));
                }
            }
            for (DbName db : dbs) {
                if (present.contains(db.value()) || !createUnderLock(connection, statement, db)) {
                    existing.add(db);
                } else {
                    created.add(db);
                    log.info("{}: created on {}", db, admin.server());
                }
            }
        } catch (SQLException e) {
            throw RoutingException.of(
                    ErrorCode.PROVISIONING_FAILED,
                    "dev-setup: cannot create databases on " + admin.server() + " as '" + admin.user() + "': "
                            + e.getMessage() + ". Check the URL and that the role may CREATE DATABASE",
                    e);
        }
        DbCredentials server = admin;
        CredentialsSource asSuperuser = new CredentialsSource() {
            @Override
            public Optional<DbCredentials> find(DbName db) {
                return Optional.of(server.withDbname(db.value()));
            }

            @Override
            public String describe(DbName db) {
                return "the dev-setup superuser on " + server.server();
            }
        };
        return new DevSetupReport(created, existing, migrate(asSuperuser), List.of());
    }

    private MigrateAllReport migrate(CredentialsSource credentials) {
        return MigrateAll.configure(registry)
                .environment(Environment.DEVELOPMENT)
                .credentials(credentials)
                .config(config)
                .parallelism(parallelism)
                .listener(listener)
                .load()
                .run();
    }

    /**
     * Creates {@code db} holding its provisioning lock (the one {@code init-db} holds), so two setups at once
     * take turns: the second sees the database the first created.
     *
     * @return whether this call created it; false when another run created it first
     */
    private static boolean createUnderLock(Connection connection, Statement statement, DbName db) throws SQLException {
        ProvisioningLock.acquire(connection, db);
        try {
            try (PreparedStatement ps = connection.prepareStatement(
                    "SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_database WHERE datname = ?)")) {
                ps.setString(1, db.value());
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next() && rs.getBoolean(1)) {
                        return false;
                    }
                }
            }
            statement.execute("CREATE DATABASE " + Sql.ident(db.value()));
            return true;
        } catch (SQLException e) {
            // 42P04 duplicate database; 23505 when a run without the lock (an older version) created it first.
            if ("42P04".equals(e.getSQLState()) || "23505".equals(e.getSQLState())) {
                return false;
            }
            throw e;
        } finally {
            ProvisioningLock.release(connection, db);
        }
    }

    /** Configures {@link DevSetup}; mutable, not thread-safe. */
    public static final class Builder {
        private final DbRouterRegistry registry;
        private @Nullable DbCredentials superuser;
        private MigrationConfig config = MigrationConfig.defaults();
        private int parallelism = MigrateAll.DEFAULT_PARALLELISM;
        private MigrationListener listener = new MigrationListener() {};
        private @Nullable Path secretsDir;
        private String namespace = "dev";

        private Builder(DbRouterRegistry registry) {
            this.registry = registry;
        }

        /**
         * Sets the server and a role that may create databases, as a JDBC URL to any database on it (such
         * as {@code postgres}) and the login.
         *
         * @throws RoutingException with {@link ErrorCode#INVALID_CONFIGURATION} when the URL is not a
         *     PostgreSQL JDBC URL
         */
        public Builder superuser(String jdbcUrl, String user, String password) {
            this.superuser = DbCredentials.fromJdbcUrl(jdbcUrl, user, password);
            return this;
        }

        /** Sets the Flyway settings (default {@link MigrationConfig#defaults()}). */
        public Builder config(MigrationConfig config) {
            this.config = config;
            return this;
        }

        /** Sets how many databases are migrated at once (default {@value MigrateAll#DEFAULT_PARALLELISM}). */
        public Builder parallelism(int n) {
            this.parallelism = n;
            return this;
        }

        /**
         * Provisions every database with production's roles and writes their secrets to {@code secretsDir}
         * for {@code namespace} (readable by {@code CredentialsSource.mountedSecrets(secretsDir, namespace)}),
         * then migrates through those secrets: the apps' tables belong to each database's owner role.
         *
         * @throws RoutingException with {@link ErrorCode#INVALID_NAME} for a malformed namespace
         */
        public Builder withRoles(Path secretsDir, String namespace) {
            CredentialsSource.mountedSecrets(secretsDir, namespace);
            this.secretsDir = secretsDir;
            this.namespace = namespace;
            return this;
        }

        /** Sets who hears each database start and finish during the migration. */
        public Builder listener(MigrationListener listener) {
            this.listener = listener;
            return this;
        }

        /**
         * Returns the setup; nothing connects until {@link DevSetup#run()}.
         *
         * @throws RoutingException with {@link ErrorCode#INVALID_CONFIGURATION} listing every problem: no
         *     superuser, a parallelism below 1
         */
        public DevSetup load() {
            List<String> problems = new ArrayList<>();
            DbCredentials admin = superuser;
            if (admin == null) {
                problems.add("dev-setup needs a superuser: call superuser(jdbcUrl, user, password)");
            }
            if (parallelism < 1) {
                problems.add("parallelism is " + parallelism + ": give 1 or more databases at once");
            }
            if (admin == null || !problems.isEmpty()) {
                throw RoutingException.of(ErrorCode.INVALID_CONFIGURATION, String.join("; ", problems));
            }
            return new DevSetup(this, admin);
        }
    }
}
