package dev.approuting.deploy.internal;

import dev.approuting.core.AppName;
import dev.approuting.core.CredentialsSource;
import dev.approuting.core.DbCredentials;
import dev.approuting.core.DbName;
import dev.approuting.core.DbRouterRegistry;
import dev.approuting.core.Environment;
import dev.approuting.core.RoutingException;
import dev.approuting.core.ServiceName;
import dev.approuting.core.support.ConnectOptions;
import dev.approuting.core.support.Connections;
import dev.approuting.core.support.Sql;
import dev.approuting.deploy.AccessReport;
import dev.approuting.deploy.AccessResult;
import dev.approuting.deploy.AccessResult.Check;
import dev.approuting.flyway.AppStatus;
import dev.approuting.flyway.DatabaseMigrator;
import dev.approuting.flyway.DatabaseStatus;
import dev.approuting.flyway.MigrationConfig;
import dev.approuting.flyway.MigrationError;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One run of {@link dev.approuting.deploy.AccessCheck#check()}. */
public final class AccessProbe {
    private static final Logger LOG = LoggerFactory.getLogger(AccessProbe.class);
    private static final String APPLICATION = "approuting-check-access";

    private final DbRouterRegistry registry;
    private final ServiceName service;
    private final CredentialsSource credentials;
    private final Environment environment;
    private final MigrationConfig config;
    private final ConnectOptions options;
    private final List<AccessResult> results = new ArrayList<>();
    /** The logins that worked, one per login role and server, to try on the databases the service does not declare. */
    private final Map<String, DbCredentials> logins = new LinkedHashMap<>();

    /** Creates a run. */
    public AccessProbe(
            DbRouterRegistry registry,
            ServiceName service,
            CredentialsSource credentials,
            Environment environment,
            MigrationConfig config,
            Duration timeout) {
        this.registry = registry;
        this.service = service;
        this.credentials = credentials;
        this.environment = environment;
        this.config = config;
        this.options =
                ConnectOptions.of(APPLICATION).withConnectTimeout(timeout).withSocketTimeout(timeout);
    }

    /** Runs every check. */
    public AccessReport run() {
        Map<DbName, List<AppName>> declared = Declared.databases(registry, service, environment);
        declared.forEach(this::declared);
        for (DbName db : registry.dbNames()) {
            if (!declared.containsKey(db)) {
                undeclared(db);
            }
        }
        return new AccessReport(service, results);
    }

    private void declared(DbName db, List<AppName> apps) {
        DbCredentials creds;
        try {
            Optional<DbCredentials> found = credentials.find(db);
            if (found.isEmpty()) {
                fail(
                        db,
                        null,
                        Check.SECRET,
                        "no secret: looked in " + credentials.describe(db) + "; mount the secret of '" + db
                                + "' (DeploymentConfig.service(service) renders the mount)");
                return;
            }
            creds = found.get();
        } catch (RoutingException e) {
            fail(db, null, Check.SECRET, String.valueOf(e.getMessage()));
            return;
        }
        pass(db, null, Check.SECRET, "login role " + creds.user() + " on " + creds.server() + "/" + creds.dbname());
        try (Connection connection = Connections.open(creds, options.withSetRole(false))) {
            pass(db, null, Check.LOGIN, "logged in as " + creds.user());
            logins.putIfAbsent(creds.user() + "@" + creds.server(), creds);
            if (!setRole(db, creds, connection)) {
                return;
            }
            apps.forEach(app -> schema(db, app, connection));
        } catch (SQLException e) {
            fail(
                    db,
                    null,
                    Check.LOGIN,
                    "cannot log in as " + creds.user() + " to " + creds.server() + "/" + creds.dbname() + ": "
                            + reason(e) + loginHint(e));
            return;
        }
        migrations(db, apps, creds);
    }

    private boolean setRole(DbName db, DbCredentials creds, Connection connection) {
        String role = creds.setRole();
        if (role == null) {
            pass(db, null, Check.SET_ROLE, "the secret names no set_role, so tables belong to " + creds.user());
            return true;
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET ROLE " + Sql.ident(role));
            pass(db, null, Check.SET_ROLE, "SET ROLE " + role);
            return true;
        } catch (SQLException e) {
            fail(
                    db,
                    null,
                    Check.SET_ROLE,
                    creds.user() + " may not SET ROLE " + role + ": " + reason(e)
                            + "; provision the login role with DatabaseProvisioner.initDb(db, namespaces), which makes it a"
                            + " member of " + role);
            return false;
        }
    }

    private void schema(DbName db, AppName app, Connection connection) {
        String query = "SELECT has_schema_privilege(oid, 'USAGE') FROM pg_catalog.pg_namespace WHERE nspname = ?";
        try (PreparedStatement statement = connection.prepareStatement(query)) {
            statement.setString(1, app.value());
            try (ResultSet rows = statement.executeQuery()) {
                if (!rows.next()) {
                    fail(
                            db,
                            app,
                            Check.SCHEMA,
                            "schema '" + app + "' of app '" + app + "' does not exist in '" + db
                                    + "': migrate the database with MigrateAll.configure(registry), or provision it with the app"
                                    + " (DatabaseProvisioner.initDb(db, namespaces))");
                } else if (!rows.getBoolean(1)) {
                    fail(
                            db,
                            app,
                            Check.SCHEMA,
                            "schema '" + app + "' exists but " + currentRole(connection)
                                    + " may not use it: it should belong to the owner role; provisioning hands it over");
                } else {
                    pass(db, app, Check.SCHEMA, "schema '" + app + "' usable");
                }
            }
        } catch (SQLException e) {
            fail(db, app, Check.SCHEMA, "cannot read the schemas: " + reason(e));
        }
    }

    private void migrations(DbName db, List<AppName> apps, DbCredentials creds) {
        if (apps.isEmpty()) {
            return;
        }
        DatabaseStatus status = DatabaseMigrator.configure(db, Connections.dataSource(creds, options))
                .apps(apps)
                .config(config)
                .load()
                .status();
        if (!status.reachable()) {
            MigrationError error = status.error();
            fail(
                    db,
                    null,
                    Check.MIGRATIONS,
                    "cannot read the migration history: " + (error == null ? "unknown error" : error.describe()));
            return;
        }
        for (AppStatus app : status.apps()) {
            if (app.upToDate()) {
                pass(
                        db,
                        app.app(),
                        Check.MIGRATIONS,
                        "at version "
                                + (app.currentVersion() == null
                                        ? "(none: the class path holds no migration)"
                                        : app.currentVersion()));
            } else {
                fail(
                        db,
                        app.app(),
                        Check.MIGRATIONS,
                        app.describe()
                                + ": the service's class path holds migrations the database lacks; migrate it with"
                                + " MigrateAll.configure(registry) before deploying this version");
            }
        }
    }

    private void undeclared(DbName db) {
        List<String> seen = new ArrayList<>();
        List<String> reachable = new ArrayList<>();
        try {
            if (credentials.find(db).isPresent()) {
                reachable.add("its secret is at hand (" + credentials.describe(db) + "): remove its mount");
            }
        } catch (RoutingException e) {
            reachable.add("a secret of it is at hand (" + e.getMessage() + "): remove its mount");
        }
        for (DbCredentials login : logins.values()) {
            DbCredentials other = login.withDbname(db.value());
            try (Connection connection = Connections.open(other, options.withSetRole(false))) {
                LOG.warn(
                        "{}: login role {} of service {} connects to it",
                        db,
                        connection.getMetaData().getUserName(),
                        service);
                reachable.add("login role " + login.user() + " connects to it on " + login.server()
                        + ": revoke CONNECT on database " + db + " from PUBLIC and from " + login.user()
                        + " (DatabaseProvisioner.initDb(db, namespaces) revokes it from PUBLIC)");
            } catch (SQLException e) {
                seen.add(login.user() + " refused on " + login.server() + " (" + refusal(e) + ")");
            }
        }
        if (reachable.isEmpty()) {
            pass(
                    db,
                    null,
                    Check.UNDECLARED,
                    seen.isEmpty()
                            ? "not declared; no secret of it at hand"
                            : "not declared; no secret of it at hand; " + String.join(", ", seen));
        } else {
            fail(
                    db,
                    null,
                    Check.UNDECLARED,
                    "service '" + service + "' does not declare '" + db + "', but " + String.join("; ", reachable));
        }
    }

    private static String refusal(SQLException e) {
        String state = e.getSQLState();
        if ("42501".equals(state)) {
            return "permission denied";
        }
        if ("3D000".equals(state)) {
            return "no such database there";
        }
        if (state != null && state.startsWith("28")) {
            return "login refused, SQLState " + state;
        }
        return reason(e);
    }

    private static String loginHint(SQLException e) {
        String state = e.getSQLState();
        if (state != null && state.startsWith("28")) {
            return "; the password or role does not match the server: re-read the secret, or rotate it"
                    + " (DatabaseProvisioner rotate(true))";
        }
        if ("42501".equals(state)) {
            return "; the login role lacks CONNECT on the database: provision it with"
                    + " DatabaseProvisioner.initDb(db, namespaces)";
        }
        return "; check that the server is reachable from this pod";
    }

    private static String currentRole(Connection connection) {
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT current_user")) {
            return rows.next() ? rows.getString(1) : "the current role";
        } catch (SQLException e) {
            return "the current role";
        }
    }

    private static String reason(SQLException e) {
        return e.getMessage() + (e.getSQLState() == null ? "" : " (SQLState " + e.getSQLState() + ")");
    }

    private static String label(Check check, @Nullable AppName app) {
        return app == null ? check.name() : check.name() + " of app " + app;
    }

    private void pass(DbName db, @Nullable AppName app, Check check, String detail) {
        LOG.debug("{}: {} ok, {}", db, label(check, app), detail);
        results.add(new AccessResult(db, app, check, true, detail));
    }

    private void fail(DbName db, @Nullable AppName app, Check check, String detail) {
        LOG.warn("{}: {} FAILED for service {}: {}", db, label(check, app), service, detail);
        results.add(new AccessResult(db, app, check, false, detail));
    }
}
