package dev.approuting.flyway;

import dev.approuting.core.AdminView;
import dev.approuting.core.CredentialsSource;
import dev.approuting.core.DbCredentials;
import dev.approuting.core.DbName;
import dev.approuting.core.DbRouterRegistry;
import dev.approuting.core.Environment;
import dev.approuting.core.ErrorCode;
import dev.approuting.core.RoutingException;
import dev.approuting.core.internal.Sql;
import dev.approuting.flyway.internal.CredentialsDataSource;
import dev.approuting.flyway.provision.DatabaseProvisioner;
import dev.approuting.flyway.provision.InitDbResult;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.postgresql.Driver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sets up a development server: creates every logical database of the development admin view that is
 * missing (dev-only ones included), then migrates all of them. Idempotent and never destructive: it
 * creates, never drops or alters, and a second run changes nothing.
 *
 * <p>By default it migrates as the superuser. With {@link #withRoles(Path, String)} it provisions each
 * database as {@code init-db} does in production (owner role, login role, secret in a mounted-secrets
 * directory) and migrates through those secrets, so development runs with production's privileges.
 *
 * <pre>{@code
 * DevSetupReport report = DevSetup.configure(registry)
 *         .superuser("jdbc:postgresql://localhost:5432/postgres", "postgres", "postgres")
 *         .run();
 * }</pre>
 *
 * <p>Mutable, not thread-safe.
 */
public final class DevSetup {
    private static final Logger log = LoggerFactory.getLogger(DevSetup.class);

    private final DbRouterRegistry registry;
    private @Nullable DbCredentials superuser;
    private MigrationConfig config = MigrationConfig.defaults();
    private int parallelism = Runtime.getRuntime().availableProcessors();
    private MigrationListener listener = new MigrationListener() {};
    private @Nullable Path secretsDir;
    private String namespace = "dev";

    private DevSetup(DbRouterRegistry registry) {
        this.registry = registry;
    }

    /** Starts configuring the setup of the databases of {@code registry}. */
    public static DevSetup configure(DbRouterRegistry registry) {
        return new DevSetup(registry);
    }

    /**
     * Sets the server and a role that may create databases, as a JDBC URL to any database on it (such
     * as {@code postgres}) and the login.
     *
     * @throws RoutingException with {@link ErrorCode#INVALID_CONFIGURATION} when the URL is not a
     *     PostgreSQL JDBC URL
     */
    public DevSetup superuser(String jdbcUrl, String user, String password) {
        Properties parsed = Driver.parseURL(jdbcUrl, null);
        if (parsed == null) {
            throw new RoutingException(
                    ErrorCode.INVALID_CONFIGURATION,
                    "dev-setup: '" + jdbcUrl + "' is not a PostgreSQL JDBC URL: give one like"
                            + " jdbc:postgresql://localhost:5432/postgres");
        }
        String host = first(parsed.getProperty("PGHOST", "localhost"));
        String port = first(parsed.getProperty("PGPORT", "5432"));
        String dbname = parsed.getProperty("PGDBNAME", "postgres");
        try {
            this.superuser = DbCredentials.of(
                    host, Integer.parseInt(port), dbname.isBlank() ? "postgres" : dbname, user, password);
        } catch (NumberFormatException e) {
            throw new RoutingException(
                    ErrorCode.INVALID_CONFIGURATION, "dev-setup: the port in '" + jdbcUrl + "' is not a number");
        }
        return this;
    }

    /** Sets the Flyway settings (default {@link MigrationConfig#defaults()}). */
    public DevSetup config(MigrationConfig config) {
        this.config = config;
        return this;
    }

    /** Sets how many databases are migrated at once (default: the number of processors). */
    public DevSetup parallelism(int n) {
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
    public DevSetup withRoles(Path secretsDir, String namespace) {
        CredentialsSource.mountedSecrets(secretsDir, namespace);
        this.secretsDir = secretsDir;
        this.namespace = namespace;
        return this;
    }

    /** Sets who hears each database start and finish during the migration. */
    public DevSetup listener(MigrationListener listener) {
        this.listener = listener;
        return this;
    }

    /**
     * Creates the missing databases, then migrates every database.
     *
     * @throws RoutingException with {@link ErrorCode#INVALID_CONFIGURATION} when no superuser was set,
     *     or {@link ErrorCode#PROVISIONING_FAILED} when the server cannot be reached or refuses to
     *     create a database
     */
    public DevSetupReport run() {
        DbCredentials admin = superuser;
        if (admin == null) {
            throw new RoutingException(
                    ErrorCode.INVALID_CONFIGURATION,
                    "dev-setup needs a superuser: call superuser(jdbcUrl, user, password)");
        }
        AdminView view = registry.adminView(Environment.DEVELOPMENT);
        List<DbName> dbs = view.dbNames();
        List<DbName> created = new ArrayList<>();
        List<DbName> existing = new ArrayList<>();
        Path secrets = secretsDir;
        if (secrets != null) {
            List<InitDbResult> provisioned = new ArrayList<>();
            for (AdminView.Database db : view.databases()) {
                InitDbResult result = DatabaseProvisioner.connect(admin.jdbcUrl(), admin.user(), admin.password())
                        .apps(db.apps())
                        .secretsDir(secrets)
                        .initDb(db.db(), namespace);
                provisioned.add(result);
                (result.created().contains("database " + db.db()) ? created : existing).add(db.db());
            }
            MigrateAllReport migration = migrate(CredentialsSource.mountedSecrets(secrets, namespace));
            return new DevSetupReport(created, existing, migration, provisioned);
        }
        try (Connection connection = new CredentialsDataSource(admin, "approuting-dev-setup").getConnection();
                Statement statement = connection.createStatement()) {
            Set<String> present = new HashSet<>();
            try (ResultSet rows = statement.executeQuery("SELECT datname FROM pg_catalog.pg_database")) {
                while (rows.next()) {
                    present.add(rows.getString(1));
                }
            }
            for (DbName db : dbs) {
                if (present.contains(db.value()) || !create(statement, db)) {
                    existing.add(db);
                } else {
                    created.add(db);
                    log.info("{}: created on {}", db, admin.server());
                }
            }
        } catch (SQLException e) {
            throw new RoutingException(
                    ErrorCode.PROVISIONING_FAILED,
                    "dev-setup: cannot create databases on " + admin.server() + " as '" + admin.user() + "': "
                            + e.getMessage() + ". Check the URL and that the role may CREATE DATABASE",
                    null,
                    null,
                    null,
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
                .run();
    }

    private static String first(String commaSeparated) {
        int comma = commaSeparated.indexOf(',');
        return comma < 0 ? commaSeparated : commaSeparated.substring(0, comma);
    }

    /** Returns whether this call created {@code db}; false when another run created it first. */
    private static boolean create(Statement statement, DbName db) throws SQLException {
        try {
            statement.execute("CREATE DATABASE " + Sql.ident(db.value()));
            return true;
        } catch (SQLException e) {
            if ("42P04".equals(e.getSQLState())) {
                return false;
            }
            throw e;
        }
    }
}
